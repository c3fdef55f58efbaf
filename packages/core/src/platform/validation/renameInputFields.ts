import { FlexrollError, InputError } from '@flexroll/sdk';

/**
 * An input error with its field paths in the client's own terms: the SDK's machines name the fields of their own
 * arguments (`/reason`, `/target`), and a client must be told about the field it sent
 * (`/participation_state/0/suspension_reasons`). Each issue's field is renamed and the message rebuilt from them;
 * anything that is not an input error is returned as it is.
 * @example renameInputFields(error, (field) => (field === '/reason' ? '/suspension_reason' : field))
 */
export function renameInputFields(error: unknown, rename: (field: string) => string): unknown {
  if (!FlexrollError.is(error) || error.kind !== 'input' || error.details.length === 0) return error;
  const details = error.details.map((issue) => ({ ...issue, field: rename(issue.field) }));
  return new InputError(details.map((issue) => `${issue.field} ${issue.message}`).join('; '), details, error);
}
