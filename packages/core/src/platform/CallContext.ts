import type { Actor } from '../enrollments/index.js';
import type { Operation } from './Operation.js';
import type { IfMatch } from './preconditions/IfMatch.js';

/** Who is calling, for which workspace, and in which mode: every service method takes one. */
export interface CallContext {
  readonly workspaceId: string;
  readonly actor: Actor;
  /** Where the call came from (`api`, `cli`, `sweep:telemetry`, `adapter:manual`); recorded on events. */
  readonly source: string;
  /** Live or test data (the key's mode); becomes the participation's `live_mode`. */
  readonly liveMode: boolean;
  /** Present when the call is an idempotent request: what it creates and appends is named after it. */
  readonly operation?: Operation;
  /**
   * The program instances the caller may reach (an instance-scoped API key's, later a member's); absent: the whole
   * workspace. Checked only by `inInstanceScope` (ADR 0025), so every kind of credential meets the same rule.
   */
  readonly programInstanceIds?: readonly string[];
  /** The request's `If-Match`, when it sent one: a change applies only to the version it names (issue 24). */
  readonly ifMatch?: IfMatch;
}
