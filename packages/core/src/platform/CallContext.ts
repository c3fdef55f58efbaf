import type { Actor } from '../enrollments/index.js';
import type { Operation } from './Operation.js';

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
}
