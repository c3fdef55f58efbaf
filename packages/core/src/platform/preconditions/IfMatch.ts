/**
 * A request's `If-Match` (RFC 9110 §13.1.1) as the core checks it: `*` (any current version) or the strong entity
 * tags it listed, unquoted. Weak tags are left out when it is parsed: If-Match compares strongly, so a weak tag never
 * matches, and a list of weak tags alone matches nothing.
 */
export type IfMatch = { readonly any: true } | { readonly any: false; readonly tags: readonly string[] };
