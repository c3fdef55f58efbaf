import { expect } from 'chai';
import { IntlMessageFormat } from 'intl-messageformat';
import { acceptedLanguages, fallbackChain, negotiateLocale, translator } from './Locales.js';
import { CATALOGUES } from './messages/catalogues.js';
import { EN } from './messages/en.js';

describe('customer pages’ locales', () => {
  it('walks a BCP 47 tag’s fallback chain, most specific first', () => {
    expect(fallbackChain('de-CH-1996')).to.deep.equal(['de-CH-1996', 'de-CH', 'de']);
    expect(fallbackChain('zh-Hant-TW')).to.deep.equal(['zh-Hant-TW', 'zh-Hant', 'zh']);
    expect(fallbackChain('not a tag')).to.deep.equal([]);
  });

  it('reads Accept-Language by weight, then order, leaving out * and q=0', () => {
    expect(acceptedLanguages('fr;q=0.2, nl-BE, de;q=0.9, *;q=0.1, en;q=0')).to.deep.equal(['nl-BE', 'de', 'fr']);
  });

  it('takes ?lang=, then Accept-Language, then the default, among the locales offered', () => {
    expect(negotiateLocale(['en', 'nl', 'de'], ['de-AT', 'nl', 'en'])).to.equal('de');
    expect(negotiateLocale(['en', 'nl'], ['fr', 'nl-BE', 'en'])).to.equal('nl');
    expect(negotiateLocale(['en', 'de-CH'], ['de-CH-1996'])).to.equal('de-CH');
    expect(negotiateLocale(['nl'], ['fr'])).to.equal('nl');
  });

  it('speaks seed 000’s customer messages in English to the letter', () => {
    expect(EN['state.ENROLMENT_REQUESTED']).to.equal('We’ve received your request to join the programme.');
    expect(EN['reason.AWAITING_CONSENT']).to.equal('Your participation is paused because we need your permission to control your device. Please renew your consent to resume.');
    expect(translator('en-GB').t('state.INELIGIBLE')).to.equal('Unfortunately your home or devices don’t currently qualify. This may change if your setup changes.');
  });

  it('has every catalogue complete, parseable, and with the English message’s placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)/g)].map((match) => match[1]).sort();
    for (const [locale, catalogue] of Object.entries(CATALOGUES)) {
      expect(Object.keys(catalogue).sort(), locale).to.deep.equal(Object.keys(EN).sort());
      for (const [id, text] of Object.entries(catalogue)) {
        expect(() => new IntlMessageFormat(text, locale), `${locale} ${id}`).not.to.throw();
        expect(placeholders(text), `${locale} ${id}`).to.deep.equal(placeholders(EN[id as keyof typeof EN]));
      }
    }
  });

  it('lets a page override a message for a locale and its regional variants', () => {
    const t = translator('nl-BE', { messages: { nl: { 'step.details': 'Over u' } } });
    expect([t.t('step.details'), t.t('step.device')]).to.deep.equal(['Over u', 'Uw apparaat']);
  });
});
