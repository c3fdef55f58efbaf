import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import { ADDRESS_SCHEMA, CUID_PATTERN, PAGE_FORM_DEPTH } from '@flexroll/core';

/** Shared building blocks. Every object schema is closed (`additionalProperties: false`): unknown fields are refused. */
export const closed = { additionalProperties: false } as const;

export const Text = (maxLength = 200, description?: string) => Type.String({ minLength: 1, maxLength, ...(description === undefined ? {} : { description }) });
export const Cuid = Type.String({ pattern: CUID_PATTERN, description: 'A CUID, e.g. cllgn0u4r000008l7eazybfbo' });
export const PrefixedId = (prefix: string) => Type.String({ pattern: `^${prefix}_[0-9a-f]{24}$`, description: `e.g. ${prefix}_7c2f1a9e4b0d8f3a6e2c5d10` });
export const DateTime = Type.String({ format: 'date-time' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Seed 004's address, from core (the same schema checks bulk-import rows). */
export const Address = ADDRESS_SCHEMA;

/** Seed 004's pagination block, as query parameters. */
export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1, description: '1-based page number' })),
  perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'At most 100' })),
};

/**
 * The query of a walked list (ADR 0021): the page form (`page`, `perPage`, for the first pages) or the cursor form
 * (`limit`, `after`), one or the other. No defaults here: the route must see which form the client used.
 */
export const WalkedListQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, description: `Page form: the 1-based page number (default 1); page × perPage may be at most ${PAGE_FORM_DEPTH}` })),
  perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Page form: at most 100 (default 20)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Cursor form: how many items, at most 100 (default 20). Not with page or perPage' })),
  after: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, pattern: '^[A-Za-z0-9_-]+$', description: 'Cursor form: the nextCursor of the page before. Not with page or perPage' })),
};

/**
 * A walked list's answer (ADR 0021). The page form: `data`, `page`, `perPage`, and the totals when the page reaches
 * the list's end, else `nextCursor`. The cursor form: `data`, `hasMore`, and `nextCursor` when there is more.
 */
export const WalkedPageOf = <T extends TSchema>(item: T) =>
  Type.Union([
    Type.Object(
      { data: Type.Array(item), page: Type.Integer(), perPage: Type.Integer(), totalItems: Type.Optional(Type.Integer()), totalPages: Type.Optional(Type.Integer()), nextCursor: Type.Optional(Type.String()) },
      closed,
    ),
    Type.Object({ data: Type.Array(item), hasMore: Type.Boolean(), nextCursor: Type.Optional(Type.String()) }, closed),
  ]);

/** Seed 004's paginated list: `data` plus `page`, `perPage`, `totalItems`, `totalPages`. */
export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({ data: Type.Array(item), page: Type.Integer(), perPage: Type.Integer(), totalItems: Type.Integer(), totalPages: Type.Integer() }, closed);

export const ErrorBody = Type.Object(
  {
    error: Type.Object(
      {
        type: Type.String({ description: 'The kind of error: invalid_request, authentication, permission, not_found, conflict, unprocessable, rate_limited, unavailable, internal' }),
        code: Type.String(),
        message: Type.String(),
        details: Type.Array(Type.Object({ field: Type.String(), rule: Type.String(), message: Type.String() }, closed)),
        requestId: Type.String(),
      },
      closed,
    ),
  },
  closed,
);

/** A path with one id parameter, typed by its name. */
export const IdParams = <N extends string, S extends TSchema>(name: N, schema: S): TObject<Record<N, S>> =>
  Type.Object({ [name]: schema } as Record<N, S>, closed);
export const NoQuery = Type.Object({}, closed);

/** A string enum as `enum` (one clear error: "must be equal to one of the allowed values"), not an `anyOf` of constants. */
export const StringEnum = <T extends readonly string[]>(values: T, options: { description?: string } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
