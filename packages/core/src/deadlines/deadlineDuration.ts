import { ISO_DURATION_PATTERN } from '../programs/index.js';

const DURATION = new RegExp(ISO_DURATION_PATTERN);
const UNITS_MS = [24 * 60 * 60 * 1000, 0, 60 * 60 * 1000, 60 * 1000, 1000] as const;

/** `P1DT12H` → 129 600 000: the queue's `overdueBy`; undefined for anything that is not such a duration. */
export function deadlineDurationMs(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (match === null) return undefined;
  return match.slice(1, 6).reduce((total, part, index) => total + (part === undefined || index === 1 ? 0 : Number.parseInt(part, 10) * UNITS_MS[index]!), 0);
}
