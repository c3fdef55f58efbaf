import type { NextFunction, Request, RequestHandler, Response } from 'express';

interface Entry {
  /** Each path segment: its literal text, or undefined where a parameter stands. */
  readonly segments: readonly (string | undefined)[];
  /** The parameters' names, in the order they stand in the path. */
  readonly names: readonly string[];
  readonly handlers: readonly RequestHandler[];
}

/**
 * The API's routes keyed by method and number of path segments, so a request finds its route with one map lookup
 * and a comparison of a few segments, instead of express's walk testing every route's regular expression in turn.
 *
 * It answers only the plain case, exactly as express would: the method as declared, the path's letters as declared,
 * no trailing slash, no percent-encoding. Anything else (HEAD, OPTIONS, `/Enrollments/…`, `/enrollments/x/`, an
 * encoded parameter) goes on to express, where the same routes stay mounted, so every edge keeps express's answer.
 */
export class RouteTable {
  readonly #entries = new Map<string, Entry[]>();

  /** Adds a route (OpenAPI-style path, `/enrollments/{enrollmentId}`); of two that match, the first added wins, as in express. */
  add(method: string, path: string, handlers: readonly RequestHandler[]): void {
    const parts = path.split('/');
    const names: string[] = [];
    const segments = parts.map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) return part;
      names.push(name);
      return undefined;
    });
    const key = `${method.toUpperCase()} ${parts.length}`;
    const list = this.#entries.get(key) ?? this.#entries.set(key, []).get(key)!;
    list.push({ segments, names, handlers });
  }

  /** Middleware that runs a matching route's handlers, or passes the request on untouched. */
  dispatcher(): RequestHandler {
    return (request, response, next) => {
      const found = this.#match(request.method, request.url);
      if (found === undefined) return next();
      request.params = found.params;
      runHandlers(found.entry.handlers, request, response, next);
    };
  }

  #match(method: string, url: string): { entry: Entry; params: Record<string, string> } | undefined {
    const end = url.indexOf('?');
    const path = end === -1 ? url : url.slice(0, end);
    if (path.charCodeAt(0) !== 47 /* / */ || path.includes('%') || path.includes('#')) return undefined;
    const parts = path.split('/');
    const candidates = this.#entries.get(`${method} ${parts.length}`);
    if (candidates === undefined) return undefined;
    for (const entry of candidates) {
      const values = matchSegments(entry.segments, parts);
      if (values === undefined) continue;
      const params: Record<string, string> = {};
      entry.names.forEach((name, index) => {
        params[name] = values[index]!;
      });
      return { entry, params };
    }
    return undefined;
  }
}

/** The parameters' values if every literal segment is equal and every parameter non-empty. */
function matchSegments(segments: readonly (string | undefined)[], parts: readonly string[]): string[] | undefined {
  const values: string[] = [];
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index];
    const part = parts[index]!;
    if (segment === undefined) {
      if (part === '') return undefined;
      values.push(part);
    } else if (segment !== part) {
      return undefined;
    }
  }
  return values;
}

/**
 * Runs handlers in turn as express's router does: each gets a `next`; an error passed to it, thrown, or a rejected
 * promise skips the rest and goes to the error handlers.
 */
function runHandlers(handlers: readonly RequestHandler[], request: Request, response: Response, done: NextFunction): void {
  let index = 0;
  const step = (error?: unknown): void => {
    if (error !== undefined && error !== null) return done(error);
    const handler = handlers[index++];
    if (handler === undefined) return done();
    try {
      const result: unknown = handler(request, response, step);
      if (result instanceof Promise) result.then(undefined, (rejection: unknown) => done(rejection ?? new Error('Rejected promise')));
    } catch (thrown) {
      done(thrown);
    }
  };
  step();
}
