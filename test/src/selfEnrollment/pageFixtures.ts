import { randomBytes } from 'node:crypto';
import { ADMIN_TOKEN, type TestServer } from '../support/TestServer.js';
import { COMMUNITY_POWERSHARE } from '../support/fixtures.js';

/** An enrollment page as a workspace sets one up: three locales, the device asked, an address asked. */
export const PAGE = {
  enabled: true,
  slug: 'community-powershare',
  name: 'Community Powershare',
  accentColour: '#0b6e4f',
  fields: { phone: 'optional', address: 'required', manufacturerSlugs: 'required', serialNumber: 'required' },
  terms: { version: '2025-01', text: 'You allow the programme to control your battery during programme events.\nYou can leave at any time.' },
  locales: ['en', 'nl', 'de'],
  defaultLocale: 'en',
  supportEmail: 'support@leap.example',
  leadCapture: true,
} as const;

/** A program instance of a new workspace with `page` switched on under a slug of its own (and its rules, if any). */
export async function instanceWithPage(server: TestServer, page: Record<string, unknown> = PAGE, eligibilityRules?: Record<string, unknown>): Promise<{ key: string; instanceId: string; slug: string; page: Record<string, unknown> }> {
  const slug = `${String(page.slug)}-${randomBytes(3).toString('hex')}`;
  page = { ...page, slug };
  const { key } = await server.workspace();
  const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
  const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Community Powershare 2025', ...(eligibilityRules === undefined ? {} : { eligibilityRules }) } });
  const saved = await server.request('PUT', `/programInstances/${instance.body.id}/enrollment-page`, { key, body: page });
  if (saved.status !== 200) throw new Error(`page not saved: ${JSON.stringify(saved.body)}`);
  return { key, instanceId: instance.body.id, slug, page };
}

/** The details step's answers of a customer in the Netherlands. */
export const DETAILS = {
  firstName: 'Sanne', lastName: 'de Vries', email: 'sanne.devries@example.nl', phone: '+31 20 123 4567',
  streetOne: 'Keizersgracht 1', streetTwo: '', city: 'Amsterdam', state: 'Noord-Holland', postalCode: '1015 CJ', country: 'NLD',
};

export const DEVICE = { manufacturer: 'tesla', serialNumber: 'TSLA-PW-000123' };
