/** One answer of a customer page: its status, headers and HTML. */
export interface PageAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly html: string;
}

/**
 * A customer's browser without JavaScript, for the customer pages' HTTP tests: it keeps cookies, follows no redirect
 * by itself, posts forms as `application/x-www-form-urlencoded`, and reads a page's sealed form state.
 */
export class PageClient {
  readonly #cookies = new Map<string, string>();

  constructor(readonly base: string, readonly headers: Record<string, string> = {}) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<PageAnswer> {
    return this.#send('GET', path, undefined, headers);
  }

  async post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<PageAnswer> {
    return this.#send('POST', path, new URLSearchParams(fields).toString(), headers);
  }

  /** Drops the cookies, as another browser would have none. */
  forgetCookies(): void {
    this.#cookies.clear();
  }

  async #send(method: string, path: string, body: string | undefined, headers: Record<string, string>): Promise<PageAnswer> {
    const cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.base}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...this.headers, ...headers, ...(cookie === '' ? {} : { cookie }), ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
      ...(body === undefined ? {} : { body }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', ...value] = pair.split('=');
      this.#cookies.set(name.trim(), value.join('='));
    }
    return { status: response.status, headers: response.headers, html: await response.text() };
  }
}

/** The sealed state a page's form carries. */
export function sealedState(html: string): string {
  const found = /name="formState" value="([^"]+)"/.exec(html);
  if (found === null) throw new Error(`no form state in the page:\n${html.slice(0, 2000)}`);
  return found[1]!;
}

/** The status link a confirmation page shows. */
export function statusPath(html: string): string {
  const found = /href="https?:\/\/[^/"]+(\/status\/[A-Za-z0-9_-]{43})[^"]*"/.exec(html);
  if (found === null) throw new Error(`no status link in the page:\n${html.slice(0, 2000)}`);
  return found[1]!;
}

/** The text of a page's error beside a field, or undefined. */
export function fieldError(html: string, field: string): string | undefined {
  return new RegExp(`<p class="error" id="${field}-error">([^<]*)</p>`).exec(html)?.[1];
}
