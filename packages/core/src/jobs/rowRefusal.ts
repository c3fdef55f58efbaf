import { FlexrollError } from '@flexroll/sdk';

/**
 * Whether an error is the row's own — its data, or the move refused — and so that row's error in the job's result.
 * Anything else stops the chunk, which is redone as after a crash (rows the job did already count as done once): a
 * bug (`internal`), or a store that did not answer in time (`unavailable`, after which nothing can be assumed done
 * or undone: the row's change may be in the log). Recorded as the row's error, a busy store left rows undone, or
 * counted a change the job had made as a failure.
 */
export function isRowRefusal(error: unknown): error is FlexrollError {
  return FlexrollError.is(error) && error.kind !== 'internal' && error.kind !== 'unavailable';
}
