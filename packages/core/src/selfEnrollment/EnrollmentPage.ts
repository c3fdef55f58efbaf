import { Type, type Static } from '@sinclair/typebox';
import { EMAIL_SCHEMA } from '../enrollments/index.js';

/** The optional fields a page may ask beside seed 004's `customerInfo` (first name, last name, e-mail): each off, optional or required. */
export const ASKABLE_FIELDS = ['phone', 'address', 'manufacturerSlugs', 'deviceType', 'serialNumber'] as const;
export type AskableField = (typeof ASKABLE_FIELDS)[number];

/** A BCP 47 tag as a page accepts it: a language, then optional script or region subtags (`nl`, `de-CH`, `zh-Hant-TW`). */
export const LOCALE_PATTERN = '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$';

const Locale = Type.String({ pattern: LOCALE_PATTERN, maxLength: 35 });
const Asked = Type.Union([Type.Literal('off'), Type.Literal('optional'), Type.Literal('required')]);

/**
 * A program instance's public enrollment page (issue 22): the customer's own way in (seed 004's "Customer
 * Self-Enrollment"). Saved as a whole by `PUT /programInstances/{id}/enrollment-page`; the slug is unique across the
 * platform (a unique claim), since `/enroll/{slug}` names no workspace.
 */
export const ENROLLMENT_PAGE_SCHEMA = Type.Object(
  {
    enabled: Type.Boolean({ description: 'Whether /enroll/{slug} takes enrollments; a disabled page answers 410 “not open”' }),
    slug: Type.String({ pattern: '^[a-z0-9](?:[a-z0-9-]{1,62}[a-z0-9])$', description: 'The page’s address, /enroll/{slug}: unique across the platform' }),
    name: Type.String({ minLength: 1, maxLength: 120, description: 'The programme’s name as the page shows it' }),
    logoUrl: Type.Optional(Type.String({ format: 'uri', pattern: '^https://', maxLength: 2048, description: 'An https image shown at the top of the page' })),
    accentColour: Type.Optional(Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: 'The page’s accent colour, #rrggbb; text on it stays readable (see docs/self-enrollment.md)' })),
    fields: Type.Optional(
      Type.Partial(Type.Object(Object.fromEntries(ASKABLE_FIELDS.map((field) => [field, Asked])) as Record<AskableField, typeof Asked>, { additionalProperties: false }), {
        additionalProperties: false,
        description: 'What the page asks beside first name, last name and e-mail (seed 004’s customerInfo): off (default), optional or required',
      }),
    ),
    terms: Type.Object(
      {
        version: Type.String({ minLength: 1, maxLength: 64, description: 'The terms’ version; a new one asks every enrolled customer to consent again' }),
        text: Type.String({ minLength: 1, maxLength: 20_000, description: 'The terms as shown; their SHA-256 is kept with each consent' }),
      },
      { additionalProperties: false },
    ),
    locales: Type.Array(Locale, { minItems: 1, maxItems: 20, uniqueItems: true, description: 'The locales the page offers (BCP 47)' }),
    defaultLocale: Type.String({ pattern: LOCALE_PATTERN, maxLength: 35, description: 'Used when neither ?lang= nor Accept-Language names an offered locale; one of `locales`' }),
    supportEmail: Type.Optional(Type.String({ ...EMAIL_SCHEMA, description: 'Shown to the customer on every page' })),
    leadCapture: Type.Optional(Type.Boolean({ description: 'Whether a customer the pre-check turns away may leave their details as a lead' })),
    messages: Type.Optional(
      Type.Record(Locale, Type.Record(Type.String({ pattern: '^[a-z][A-Za-z0-9_.]{0,99}$' }), Type.String({ maxLength: 2000 }), { maxProperties: 300 }), {
        maxProperties: 20,
        description: 'Message overrides by locale and message id (ICU MessageFormat), e.g. {"en": {"page.intro": "…"}}',
      }),
    ),
  },
  { additionalProperties: false },
);

export type EnrollmentPageSettings = Static<typeof ENROLLMENT_PAGE_SCHEMA>;

/** The page as stored on its instance: the settings, and when they were last saved. */
export type EnrollmentPage = EnrollmentPageSettings & { readonly updatedAt: string };

/** How a page asks a field: off unless its settings say otherwise. */
export function askedOf(page: EnrollmentPageSettings, field: AskableField): 'off' | 'optional' | 'required' {
  return page.fields?.[field] ?? 'off';
}
