import type { TSchema } from '@sinclair/typebox';
import type { Container } from 'inversify';
import type { ParticipationVocabulary } from '@flexroll/sdk';
import type { ApiKeyPermission, CallContext } from '@flexroll/core';

/** Who may call a route: an API key holding the permission, or a platform administrator. */
export type RoutePermission = ApiKeyPermission | 'platform_admin';

/** A validated request, as a handler sees it. */
export interface RouteRequest {
  readonly params: Record<string, string>;
  readonly query: Record<string, unknown>;
  readonly body: unknown;
  /** The calling key's workspace and identity; for platform-administrator routes, a context with no workspace. */
  readonly context: CallContext;
  /** The participation vocabulary the caller asked for with the `Flexroll-Version` header. */
  readonly vocabulary: ParticipationVocabulary;
  readonly container: Container;
}

/** What a handler answers; the framework serialises it (and stores it for an idempotent repeat). */
export interface RouteResult {
  readonly status: number;
  readonly body?: unknown;
}

/**
 * One endpoint, declared once: the same declaration mounts it on express, validates its input with ajv, checks
 * its permission, and describes it in the OpenAPI document — so the contract cannot drift from the behaviour.
 */
export interface RouteDefinition {
  readonly method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI-style path, e.g. `/enrollments/{enrollmentId}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  readonly permission: RoutePermission;
  readonly params?: TSchema;
  readonly query?: TSchema;
  readonly body?: TSchema;
  /** Success responses by status; `null` for an empty body. */
  readonly responses: Readonly<Record<number, TSchema | null>>;
  handle(request: RouteRequest): Promise<RouteResult>;
}

/** Declares a route; a function only so that definitions read alike and are checked against the type. */
export function defineRoute(route: RouteDefinition): RouteDefinition {
  return route;
}
