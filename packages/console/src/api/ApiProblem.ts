import { en } from '../messages/en';

/** The API's error shape (every non-2xx answer). */
interface ErrorBody {
  readonly error?: { readonly code?: string; readonly message?: string; readonly requestId?: string; readonly details?: readonly { field?: string; rule?: string; message?: string }[] };
}

/** One issue of a refused body, as the API names it. */
export interface FieldIssue {
  readonly field?: string;
  readonly rule?: string;
  readonly message?: string;
}

/** A refused or failed API call, with what the screen shows for it. 412 reads as "changed by someone else — reload". */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | undefined,
    /** The API's per-field issues (`field` is a JSON pointer such as `/terms/version`), for errors shown beside inputs. */
    readonly details: readonly FieldIssue[] = [],
  ) {
    super(message);
  }

  /** Whether the answer says someone else changed the resource since it was read (If-Match did not match). */
  get changedElsewhere(): boolean {
    return this.status === 412;
  }

  static from(response: Response, body: unknown): ApiProblem {
    const error = (body as ErrorBody | undefined)?.error;
    const requestId = error?.requestId ?? response.headers.get('X-Request-Id') ?? undefined;
    if (response.status === 412) return new ApiProblem(412, 'precondition_failed', en.app.changedElsewhere, requestId);
    const detail = error?.details?.map((entry) => entry.message === undefined ? undefined : `${entry.field ?? ''} ${entry.message}`.trim()).filter(Boolean).join('; ');
    const message = [error?.message ?? `${response.status} ${response.statusText}`, detail].filter(Boolean).join(' — ');
    return new ApiProblem(response.status, error?.code ?? 'unknown', message, requestId, error?.details ?? []);
  }
}

/** The data of an openapi-fetch answer, or its error as an {@link ApiProblem}. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  throw ApiProblem.from(result.response, result.error);
}
