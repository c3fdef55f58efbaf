/**
 * A position some background work has reached (how far the event feed is scanned, how far an enrollment's events
 * are fanned out). Written plainly, never used as a guard: a cursor that goes back only makes the work look at
 * things again, and that work is idempotent (its writes are unique inserts).
 */
export interface Cursor {
  readonly key: string;
  readonly value: string;
  readonly updatedAt: string;
}
