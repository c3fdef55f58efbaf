/**
 * An error as it may be logged: its class, its code, and where it was thrown (the stack's frames), with the causes it
 * carries described the same way. Never its message: messages of drivers, parsers and adapters repeat what they were
 * given — a duplicate key's value, a document, a snippet of a body, a URL with credentials — and what they were given
 * is the request's content. The request id in the same log line leads to the request; personal data stays out.
 * @example describeError(new TypeError('Cannot read properties of undefined'))
 *   // { name: 'TypeError', stack: 'TypeError\n    at …' }
 */
export function describeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { name: typeof error };
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).map((line) => `    ${line.trim()}`).slice(0, 15);
  return {
    name: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    stack: [error.name, ...frames].join('\n'),
    ...(cause !== undefined && depth < 3 ? { cause: describeError(cause, depth + 1) } : {}),
  };
}
