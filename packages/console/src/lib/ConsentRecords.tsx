import { en } from '../messages/en';
import { TableScroll } from './TableScroll';

const t = en.consents;

/** One consent record as the enrollment page keeps it (core's ConsentEvidence, in `metadata.selfEnrollment.consents`). */
interface ConsentRecord {
  readonly termsVersion?: unknown;
  readonly termsSha256?: unknown;
  readonly wording?: unknown;
  readonly locale?: unknown;
  readonly grantedAt?: unknown;
  readonly address?: unknown;
  readonly userAgent?: unknown;
}

/** The consent records in an enrollment's metadata, or none. Metadata is free-form, so its shape is checked, not assumed. */
export function consentsOf(metadata: unknown): readonly ConsentRecord[] {
  const selfEnrollment = (metadata as { selfEnrollment?: { consents?: unknown } } | null | undefined)?.selfEnrollment;
  const consents = selfEnrollment?.consents;
  return Array.isArray(consents) ? consents.filter((entry): entry is ConsentRecord => typeof entry === 'object' && entry !== null) : [];
}

const shown = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The consents a self-enrolled customer gave (issue 22): terms version and hash, the wording and locale shown, when,
 * from which address and browser. Nothing is shown for an enrollment that did not come through the page.
 */
export function ConsentRecords({ metadata }: { readonly metadata: unknown }) {
  const consents = consentsOf(metadata);
  if (consents.length === 0) return null;
  return (
    <section class="card" aria-labelledby="consents-title">
      <h2 id="consents-title">{t.title}</h2>
      <TableScroll label={t.table}>
        <table>
          <caption>{t.table}</caption>
          <thead>
            <tr>
              <th scope="col">{t.grantedAt}</th><th scope="col">{t.termsVersion}</th><th scope="col">{t.wording}</th><th scope="col">{t.locale}</th>
              <th scope="col">{t.termsSha256}</th><th scope="col">{t.address}</th><th scope="col">{t.userAgent}</th>
            </tr>
          </thead>
          <tbody>
            {consents.map((consent, index) => (
              <tr key={index}>
                <th scope="row">{typeof consent.grantedAt === 'string' ? <time dateTime={consent.grantedAt}>{new Date(consent.grantedAt).toLocaleString()}</time> : null}</th>
                <td>{shown(consent.termsVersion)}</td>
                <td>{shown(consent.wording)}</td>
                <td>{shown(consent.locale)}</td>
                <td><code>{shown(consent.termsSha256)}</code></td>
                <td>{shown(consent.address)}</td>
                <td>{shown(consent.userAgent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
