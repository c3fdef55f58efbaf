import { readSettings } from '../../settings/readSettings.js';
import type { Settings } from '../../settings/settingsSchema.js';

/** Where the server is and the key to call it with: flags first, then FLEXROLL_URL / FLEXROLL_API_KEY. */
export interface RemoteOptions {
  readonly url?: string;
  readonly key?: string;
}

/** A failed call, with the API's own error body when it sent one. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: { code?: string; message?: string; details?: ReadonlyArray<{ field: string; message: string }> } } | undefined,
  ) {
    const error = body?.error;
    const details = (error?.details ?? []).slice(0, 5).map((detail) => `\n  ${detail.field} ${detail.message}`).join('');
    super(`${status} ${error?.code ?? 'error'}: ${error?.message ?? 'the server answered with an error'}${details}`);
  }
}

/** A small client of the Flexroll API for the CLI's remote commands (import, bulk): JSON in and out, one key. */
export class ApiClient {
  readonly base: string;
  readonly #key: string;

  /** `settings`: the environment's (FLEXROLL_URL, FLEXROLL_API_KEY), which the flags in `options` override. */
  constructor(options: RemoteOptions, settings: Pick<Settings, 'url' | 'apiKey'> = readSettings()) {
    const key = options.key ?? settings.apiKey;
    if (key === undefined || key === '') throw new Error('Give an API key: --key fr_… or FLEXROLL_API_KEY (the key `flexroll serve` printed, or one from `flexroll key create`).');
    this.#key = key;
    this.base = (options.url ?? settings.url).replace(/\/+$/, '');
  }

  async get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  async post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.call<T>('POST', path, JSON.stringify(body), { 'content-type': 'application/json', ...headers });
  }

  /** Streams a body (a file) to the server without holding it. */
  async upload<T>(path: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>): Promise<T> {
    return this.call<T>('POST', path, body, headers);
  }

  private async call<T>(method: string, path: string, body?: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.#key}`, ...headers },
        ...(body === undefined ? {} : { body, duplex: 'half' }),
      });
    } catch (error) {
      throw new Error(`Could not reach ${this.base} (${String((error as { cause?: unknown }).cause ?? error)}). Is \`flexroll serve\` running there? Set --url or FLEXROLL_URL.`, { cause: error });
    }
    const text = await response.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (!response.ok) throw new ApiCallError(response.status, parsed as ApiCallError['body']);
    return parsed as T;
  }
}
