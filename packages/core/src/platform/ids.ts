import { init } from '@paralleldrive/cuid2';
import { randomHex } from './randomHex.js';

/** Seed 004's ids are 25-character CUIDs, e.g. `cllgn0u4r000008l7eazybfbo`. */
export const newCuid: () => string = init({ length: 25 });

/** A CUID as accepted from clients: lower-case letters and digits, starting with a letter. */
export const CUID_PATTERN = '^[a-z][a-z0-9]{19,31}$';

/** Seed 001's participation-side ids: a prefix, an underscore, 24 hex characters (`vpo_7c2f1a9e4b0d8f3a6e2c5d10`). */
export function newPrefixedId(prefix: 'vpo' | 'dev' | 'loc' | 'acc' | 'prv' | 'vpr' | 'ws' | 'key' | 'evt' | 'bat' | 'whe' | 'msg' | 'att' | 'clm' | 'idem' | 'rcp' | 'mem' | 'ses'): string {
  return `${prefix}_${randomHex(12)}`;
}

/** Event ids sort by creation time: 12 hex digits of milliseconds, then 12 random hex digits. */
export function newEventId(at: Date): string {
  return `evt_${at.getTime().toString(16).padStart(12, '0')}${randomHex(6)}`;
}
