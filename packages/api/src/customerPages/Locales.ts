import { IntlMessageFormat } from 'intl-messageformat';
import type { EnrollmentPageSettings } from '@flexroll/core';
import { CATALOGUES, PSEUDO_LOCALE, pseudoCatalogue } from './messages/catalogues.js';
import { EN, type Catalogue, type MessageId } from './messages/en.js';

/** A page's words in one locale: `t(id, values)` formats a message (the instance's override first), `locale` says which. */
export interface Translator {
  /** The locale whose catalogue answered (the one the page states, in `lang` and in words). */
  readonly locale: string;
  t(id: MessageId, values?: Record<string, string | number | Date>): string;
}

/** Chains worked out so far: every page request asks for several, and `Intl.getCanonicalLocales` is slow. */
const chains = new Map<string, readonly string[]>();
/** Tags come from the request (`?lang=`, Accept-Language): the memo is emptied before it grows past this. */
const REMEMBERED_CHAINS = 1_000;

/**
 * The BCP 47 fallback chain of a tag, most specific first: `de-CH-1996` → `de-CH-1996`, `de-CH`, `de` (RFC 4647's
 * lookup, which drops the last subtag, and a lone single-letter one with it).
 */
export function fallbackChain(tag: string): readonly string[] {
  let chain = chains.get(tag);
  if (chain === undefined) {
    chain = Object.freeze(chainOf(tag));
    if (chains.size >= REMEMBERED_CHAINS) chains.clear();
    chains.set(tag, chain);
  }
  return chain;
}

function chainOf(tag: string): string[] {
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0] ?? '';
  } catch {
    return [];
  }
  const parts = canonical.split('-');
  const chain: string[] = [];
  while (parts.length > 0) {
    chain.push(parts.join('-'));
    parts.pop();
    if (parts.length > 0 && parts.at(-1)!.length === 1) parts.pop();
  }
  return chain;
}

/** `Accept-Language`'s tags, best first (by q, then order); `*` and malformed entries are left out. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((entry) => entry.tag);
}

/**
 * The locale a customer gets: the first of `?lang=`, then `Accept-Language`'s tags, then the page's default, whose
 * fallback chain meets a locale the page offers and a catalogue holds. English when nothing matches (the seeds'
 * language, which every catalogue completes).
 */
export function negotiateLocale(offered: readonly string[], wanted: readonly (string | undefined)[], options: { pseudo?: boolean } = {}): string {
  const available = new Map(offered.filter((tag) => hasCatalogue(tag, options)).map((tag) => [tag.toLowerCase(), tag]));
  for (const tag of wanted) {
    if (tag === undefined) continue;
    for (const candidate of fallbackChain(tag)) {
      const found = available.get(candidate.toLowerCase());
      if (found !== undefined) return found;
    }
  }
  return available.values().next().value ?? 'en';
}

/** Whether a locale (or one along its fallback chain) has a catalogue: what a page may offer. */
export function hasCatalogue(tag: string, options: { pseudo?: boolean } = {}): boolean {
  if (options.pseudo === true && tag === PSEUDO_LOCALE) return true;
  return fallbackChain(tag).some((candidate) => CATALOGUES[candidate.toLowerCase()] !== undefined);
}

const formats = new Map<string, IntlMessageFormat>();

/**
 * The translator for a locale: its catalogue along the fallback chain (`de-CH` reads `de`), then English for nothing
 * (catalogues are complete; the type checks it), with the page's overrides for that locale or its chain on top.
 */
export function translator(locale: string, page?: Pick<EnrollmentPageSettings, 'messages'>): Translator {
  const catalogue = catalogueFor(locale);
  const overrides = fallbackChain(locale).map((tag) => page?.messages?.[tag]).filter((found) => found !== undefined);
  return {
    locale,
    t(id, values) {
      const source = overrides.find((override) => override[id] !== undefined)?.[id] ?? catalogue[id] ?? EN[id];
      const key = `${locale}\u0000${source}`;
      let format = formats.get(key);
      if (format === undefined) {
        format = new IntlMessageFormat(source, locale === PSEUDO_LOCALE ? 'en' : locale);
        if (formats.size > 5_000) formats.clear();
        formats.set(key, format);
      }
      return String(format.format(values));
    },
  };
}

function catalogueFor(locale: string): Catalogue {
  if (locale === PSEUDO_LOCALE) return pseudoCatalogue();
  for (const candidate of fallbackChain(locale)) {
    const found = CATALOGUES[candidate.toLowerCase()];
    if (found !== undefined) return found;
  }
  return EN;
}
