import type { Static, TObject, TSchema } from '@sinclair/typebox';
import type { ParticipationVocabulary } from '@flexroll/sdk';
import type { ActiveSession, ApiKeyPermission, CallContext, KeyGrantor, UploadFormat } from '@flexroll/core';
import type { SignInThrottle } from '../security/SignInThrottle.js';
import type { ApiServices } from './ApiServices.js';

/**
 * Who may call a route: a caller holding the permission (an API key, or a member whose role holds it), a platform
 * administrator, any member signed in (`session`: routes about the session itself), or anyone (`public`: signing in,
 * accepting an invitation).
 */
export type RoutePermission = ApiKeyPermission | 'platform_admin' | 'session' | 'public';

/** What a route may need of the HTTP exchange itself. */
export interface RouteClient {
  /** The client's address (express's `request.ip`, so behind a trusted proxy the address it forwarded for). */
  readonly address: string;
  /** Whether the request came over TLS, as express judges it through the trust-proxy setting. */
  readonly secure: boolean;
  /** Where the platform is reached, for links it hands out: FLEXROLL_PUBLIC_URL, else the request's own origin. */
  readonly baseUrl: string;
  /** Failed sign-ins, per address and per e-mail. */
  readonly signInThrottle: SignInThrottle;
}

/** A validated request as a handler sees it: typed params, query and body, and the services the route declared. */
export interface RouteRequest<Params = unknown, Query = unknown, Body = unknown, Services = unknown> {
  readonly params: Params;
  readonly query: Query;
  readonly body: Body;
  /** The calling key's workspace and identity; for platform-administrator routes, a context with no workspace. */
  readonly context: CallContext;
  /**
   * What the caller may grant (its id, permissions and mode): the calling API key, or a member seen as a live scoped
   * key holding its role's permissions; absent for the platform administrator and on public routes.
   */
  readonly key?: KeyGrantor;
  /** The member's session, when its cookie was the credential. */
  readonly session?: ActiveSession;
  readonly client: RouteClient;
  /** The participation vocabulary the caller asked for with the `Flexroll-Version` header. */
  readonly vocabulary: ParticipationVocabulary;
  readonly services: Services;
  /** On an upload route: the body as it arrives (never parsed or held whole), its format, and the `Idempotency-Key`. */
  readonly upload?: { readonly format: UploadFormat; readonly body: AsyncIterable<Uint8Array>; readonly key?: string };
}

/** What a handler answers; the framework serialises it (and stores it for an idempotent repeat). */
export interface RouteResult {
  readonly status: number;
  readonly body?: unknown;
  /** Headers that are part of the answer (kept and replayed with it for an idempotent repeat). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * A body written as it is produced (a download), instead of `body`: its chunks are written one at a time, each after
   * the connection took the one before, so the answer is never held whole. An error after the first chunk can no
   * longer be answered: the connection is cut, and the client sees a truncated body.
   */
  readonly stream?: { readonly contentType: string; readonly chunks: AsyncIterable<string> };
  /** Top-level body fields shown this once and never stored for an idempotent replay (an API key's or a webhook endpoint's secret). */
  readonly shownOnce?: readonly string[];
}

type NoParams = TObject<Record<never, TSchema>>;

/** A route as declared: its schemas give its handler's types, and its `services` what the handler is handed. */
export interface RouteSpec<P extends TSchema, Q extends TSchema, B extends TSchema | undefined, S extends keyof ApiServices> {
  readonly method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI-style path, e.g. `/enrollments/{enrollmentId}`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  readonly permission: RoutePermission;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /**
   * An upload route takes a streamed file instead of a JSON body: its accepted media types and the format each
   * means. The generic idempotency store does not apply (the body cannot be fingerprinted); the handler gets the
   * `Idempotency-Key` instead, to make the same upload the same job.
   */
  readonly upload?: Readonly<Record<string, UploadFormat>>;
  /** The services the handler uses; it is handed exactly these. */
  readonly services: readonly S[];
  /** A download route's media type: its success response is that (a `stream` result), described so in the OpenAPI document. */
  readonly produces?: string;
  /** Success responses by status; `null` for an empty body. */
  readonly responses: Readonly<Record<number, TSchema | null>>;
  /** Headers a success response may carry, by name, with what each says (for the OpenAPI document). */
  readonly responseHeaders?: Readonly<Record<string, string>>;
  handle(request: RouteRequest<Static<P>, Static<Q>, B extends TSchema ? Static<B> : undefined, Pick<ApiServices, S>>): Promise<RouteResult>;
}

/**
 * One endpoint, declared once: the same declaration mounts it on express, validates its input with ajv, checks
 * its permission, hands it its services, and describes it in the OpenAPI document — so the contract cannot drift
 * from the behaviour. The framework calls `handle` only with input its schemas accepted.
 */
export interface RouteDefinition extends Omit<RouteSpec<TSchema, TSchema, TSchema | undefined, keyof ApiServices>, 'handle'> {
  handle(request: RouteRequest<unknown, unknown, unknown, Partial<ApiServices>>): Promise<RouteResult>;
}

/** Declares a route, typing its handler from its schemas and declared services. */
export function defineRoute<P extends TSchema = NoParams, Q extends TSchema = NoParams, B extends TSchema | undefined = undefined, S extends keyof ApiServices = never>(
  route: RouteSpec<P, Q, B, S>,
): RouteDefinition {
  return route;
}
