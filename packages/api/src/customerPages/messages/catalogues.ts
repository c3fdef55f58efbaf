import { DE } from './de.js';
import { EN, type Catalogue } from './en.js';
import { NL } from './nl.js';

/** Every locale the customer pages have a complete catalogue for, by its BCP 47 tag. */
export const CATALOGUES: Readonly<Record<string, Catalogue>> = Object.freeze({ en: EN, nl: NL, de: DE });

/** The pseudo-locale: every message of the English one, bracketed and lengthened, so a string outside the catalogues stands out. */
export const PSEUDO_LOCALE = 'en-XA';

/** The pseudo-locale's catalogue: `⟦…⟧` around each message, its placeholders and ICU syntax kept intact. */
export function pseudoCatalogue(): Catalogue {
  return Object.fromEntries(Object.entries(EN).map(([id, text]) => [id, `⟦${text}⟧`])) as Catalogue;
}
