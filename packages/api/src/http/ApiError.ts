import { FlexrollError, type FieldIssue } from '@flexroll/sdk';

/** Failures that exist only at the HTTP edge: authentication, permission, limits, media types. */
export class ApiError extends FlexrollError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    details: readonly FieldIssue[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'input', code, message, { details });
  }

  static isApiError(value: unknown): value is ApiError {
    return FlexrollError.is(value) && typeof (value as { status?: unknown }).status === 'number';
  }
}
