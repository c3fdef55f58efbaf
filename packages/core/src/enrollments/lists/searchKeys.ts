import type { Enrollment } from '../Enrollment.js';
import type { EnrollmentFilter } from '../ports/EnrollmentProjectionRepository.js';

/**
 * The keys a live enrollment is found by, besides its list keys, for the filters the counts do not count: each word of
 * its name, e-mail and reference id by every prefix (`word`), and each prefix of its postal code (`postal`). (A
 * manufacturer is counted, as a tag: `ListFacets`.) A store keeps them within the instance, so that one equality lookup (the only
 * query FerretDB v1 pushes down) finds every enrollment with a key, and costs what it finds.
 */
export interface SearchKey {
  readonly kind: 'word' | 'postal';
  readonly value: string;
}

/** Words are indexed by prefixes up to this long; a longer word of a search is looked up by its first this many characters. */
export const SEARCH_PREFIX_MAX = 12;
/** Postal codes are indexed by prefixes up to this long. */
export const POSTAL_PREFIX_MAX = 10;

/**
 * The words of a text: lower case, accents dropped (NFD, then the combining marks removed), split at anything that is
 * not a letter or a digit — so `Zoë O'Brien-Smith` is `zoe`, `o`, `brien`, `smith`, and `jane.doe@example.com` is
 * `jane`, `doe`, `example`, `com`.
 */
export function searchWordsOf(text: string): string[] {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
}

/** A postal code as compared: upper case, without spaces or dashes (`sw1a 1aa` is `SW1A1AA`). */
export function normalPostalCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, '');
}

/** A manufacturer slug as compared: lower case, trimmed. */
export function normalManufacturer(slug: string): string {
  return slug.trim().toLowerCase();
}

/** The words a text search is matched against: the enrollment's first and last name, e-mail and reference id. */
function wordsOfEnrollment(enrollment: Enrollment): string[] {
  return [enrollment.firstName, enrollment.lastName, enrollment.email, enrollment.referenceId].flatMap((field) => (field === undefined ? [] : searchWordsOf(field)));
}

/** An enrollment's search keys as `kind|value` strings, without repeats; none for a deleted one (it is never listed by them). */
export function searchKeysOf(enrollment: Enrollment): string[] {
  if (enrollment.deletedAt !== undefined) return [];
  const keys = new Set<string>();
  for (const word of wordsOfEnrollment(enrollment)) {
    for (let length = 1; length <= Math.min(word.length, SEARCH_PREFIX_MAX); length++) keys.add(searchKeyString({ kind: 'word', value: word.slice(0, length) }));
  }
  const postal = enrollment.address?.postalCode === undefined ? '' : normalPostalCode(enrollment.address.postalCode);
  for (let length = 1; length <= Math.min(postal.length, POSTAL_PREFIX_MAX); length++) keys.add(searchKeyString({ kind: 'postal', value: postal.slice(0, length) }));
  return [...keys];
}

/** The kind first, the value last, so that a value holding the separator cannot make two keys alike. */
export function searchKeyString(key: SearchKey): string {
  return `${key.kind}|${key.value}`;
}

/**
 * The one key a filter's candidates are read by: the longest word of its text search (the most selective, as far as
 * its prefix is indexed), else its postal code prefix (cut to what is indexed). Undefined for
 * a filter with none of them, or a search with no word in it (which then matches every enrollment).
 */
export function searchLookupOf(filter: EnrollmentFilter): SearchKey | undefined {
  const words = filter.search === undefined ? [] : searchWordsOf(filter.search);
  if (words.length > 0) {
    const longest = words.reduce((best, word) => (word.length > best.length ? word : best));
    return { kind: 'word', value: longest.slice(0, SEARCH_PREFIX_MAX) };
  }
  const postal = filter.postalCodePrefix === undefined ? '' : normalPostalCode(filter.postalCodePrefix);
  if (postal !== '') return { kind: 'postal', value: postal.slice(0, POSTAL_PREFIX_MAX) };
  return undefined;
}

/** Whether an enrollment matches the filter's search, manufacturer and postal code prefix (each given one must hold). */
export function matchesSearch(enrollment: Enrollment, filter: EnrollmentFilter): boolean {
  if (filter.search !== undefined) {
    const words = wordsOfEnrollment(enrollment);
    if (!searchWordsOf(filter.search).every((wanted) => words.some((word) => word.startsWith(wanted)))) return false;
  }
  if (filter.manufacturer !== undefined) {
    const wanted = normalManufacturer(filter.manufacturer);
    if (!(enrollment.manufacturerSlugs ?? []).some((slug) => normalManufacturer(slug) === wanted)) return false;
  }
  if (filter.postalCodePrefix !== undefined) {
    const postal = enrollment.address?.postalCode === undefined ? undefined : normalPostalCode(enrollment.address.postalCode);
    if (postal === undefined || !postal.startsWith(normalPostalCode(filter.postalCodePrefix))) return false;
  }
  return true;
}
