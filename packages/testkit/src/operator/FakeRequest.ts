/** One request an {@link OperatorFake} answered, as it arrived. */
export interface FakeRequest {
  readonly method: string;
  /** The path relative to the fake's base URL, without the query. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case names, as node gives them (`idempotency-key`, `authorization`, `content-type`). */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The JSON body parsed, a form-encoded body as a record of its fields, any other as text, none as undefined. */
  readonly body: unknown;
  /** On the fake's clock (the kit's, when it was given it). */
  readonly at: Date;
}

/** A request as nock hands it over, read into a {@link FakeRequest}. */
export function fakeRequestOf(method: string, url: URL, basePath: string, headers: Readonly<Record<string, string | string[] | undefined>>, body: unknown, at: Date): FakeRequest {
  const flat = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value]));
  const form = String(flat['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  const read = form && typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : body === '' ? undefined : body;
  return { method, path: url.pathname.slice(basePath.length) || '/', query: Object.fromEntries(url.searchParams), headers: flat, body: read, at };
}
