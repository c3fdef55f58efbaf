import type { EnrollmentPageSettings } from '@flexroll/core';
import { html, type Html } from './html.js';
import type { Translator } from './Locales.js';

/** What every customer page shows around its content. */
export interface Frame {
  readonly t: Translator;
  readonly title: string;
  /** The page whose name, logo, colour and support address are shown; absent on a page for no programme (404). */
  readonly page?: Pick<EnrollmentPageSettings, 'name' | 'logoUrl' | 'supportEmail' | 'slug' | 'locales'>;
  /** The path the language links lead to (`?lang=` added); none on a step reached by POST, whose answers a link would drop. */
  readonly languagePath?: string;
}

/**
 * A whole customer page: its locale in `lang` and in words, the programme's brand, the content, the support
 * address. No inline script or style (the CSP allows none): one stylesheet, and the page's theme.
 */
export function layout(frame: Frame, content: Html): string {
  const { t, page } = frame;
  const theme = page === undefined ? undefined : `/enroll/${encodeURIComponent(page.slug)}/theme.css`;
  return `<!doctype html>\n${html`<html lang="${t.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${frame.title}${page === undefined ? '' : ` · ${page.name}`}</title>
<link rel="stylesheet" href="/enroll-assets/page.css">
${theme === undefined ? '' : html`<link rel="stylesheet" href="${theme}">`}
</head>
<body>
<a class="skip" href="#content">${t.t('page.skip')}</a>
<header class="brand">
${page?.logoUrl === undefined ? '' : html`<img src="${page.logoUrl}" alt="">`}
${page === undefined ? '' : html`<p class="name">${page.name}</p>`}
</header>
<main id="content">
${content}
<footer>
${languages(frame)}
<p class="lang">${t.t('page.lang')}</p>
${page?.supportEmail === undefined ? '' : html`<p class="support">${t.t('page.support', { email: page.supportEmail })}</p>`}
</footer>
</main>
</body>
</html>`.markup}\n`;
}

/** Links to the page in each locale it offers, each named in its own language (its catalogue's `page.languages` is the list's name). */
function languages(frame: Frame): Html | string {
  const { page, languagePath, t } = frame;
  if (page === undefined || languagePath === undefined || page.locales.length < 2) return '';
  return html`<nav class="langs" aria-label="${t.t('page.languages')}"><ul>${page.locales.map(
    (locale) => html`<li><a href="${`${languagePath}?lang=${encodeURIComponent(locale)}`}" hreflang="${locale}" lang="${locale}"${locale === t.locale ? html` aria-current="true"` : ''}>${languageName(locale)}</a></li>`,
  )}</ul></nav>`;
}

/** Names worked out so far, by locale: a page's locales are few, and an `Intl.DisplayNames` is costly to make. */
const names = new Map<string, string>();

/** A locale's name in its own language (`Nederlands`, `Deutsch`), from the platform's Intl data. */
function languageName(locale: string): string {
  let name = names.get(locale);
  if (name === undefined) {
    name = nameInItsLanguage(locale);
    // A page offers only locales it was saved with (LOCALE_PATTERN), but the memo stays bounded all the same.
    if (names.size >= 1_000) names.clear();
    names.set(locale, name);
  }
  return name;
}

function nameInItsLanguage(locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
    return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    return locale;
  }
}
