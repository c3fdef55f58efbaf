import { FlexrollError } from '@flexroll/sdk';

/**
 * The change was asked of a version that is no longer current: nothing was written. Carries the current entity tag,
 * which the HTTP layer sends back as `ETag` so that the client can reload and decide again.
 */
export class PreconditionFailedError extends FlexrollError {
  constructor(
    /** The current version's entity tag, quoted (`"7"`). */
    readonly currentETag: string,
    what: string,
  ) {
    super('precondition_failed', 'precondition_failed', `${what} was changed by someone else since you read it (it is now at ${currentETag}): reload it and decide again.`, {
      details: [{ field: '/headers/if-match', rule: 'current_version', message: `does not name the current version ${currentETag}` }],
    });
  }
}
