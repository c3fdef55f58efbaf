import type { Provider } from './krakenEnums.js';

/**
 * The manufacturer slug (seed 004's `manufacturerSlugs`) a Kraken provider stands for. Providers that are
 * aggregators — they authenticate devices of many makes (ENODE, JEDLIX, SMARTCAR) — stand for no one manufacturer:
 * `null`, and any make is accepted through them. OCPP_WALLBOX is Wallbox's chargers over OCPP; the VP_ ("virtual
 * power") thermostat providers are Amazon, Honeywell (connected-car and residential lines) and Google Nest.
 */
export const MANUFACTURER_SLUG_BY_PROVIDER: Readonly<Record<Provider, string | null>> = {
  DAIKIN: 'daikin',
  ECOBEE: 'ecobee',
  ENERGIZER: 'energizer',
  ENODE: null,
  ENPHASE: 'enphase',
  FORD: 'ford',
  GIVENERGY: 'givenergy',
  HUAWEI: 'huawei',
  HYPERVOLT: 'hypervolt',
  INDRA: 'indra',
  JEDLIX: null,
  MYENERGI: 'myenergi',
  OCPP_WALLBOX: 'wallbox',
  OHME: 'ohme',
  SENSI: 'sensi',
  SMARTCAR: null,
  SMART_PEAR: 'smart-pear',
  SOLAREDGE: 'solaredge',
  TESLA: 'tesla',
  VP_AMAZON: 'amazon',
  VP_HONEYWELL_CC: 'honeywell',
  VP_HONEYWELL_RES: 'honeywell',
  VP_NEST: 'google-nest',
};

/**
 * Why a device registered through `provider` cannot be the enrollment's device, or undefined when it can: its
 * manufacturer must be one the enrollment names (an aggregator, or an enrollment naming none, passes).
 */
export function providerMismatch(provider: Provider, manufacturerSlugs: readonly string[] | undefined): string | undefined {
  const slug = MANUFACTURER_SLUG_BY_PROVIDER[provider];
  if (slug === null || manufacturerSlugs === undefined || manufacturerSlugs.length === 0 || manufacturerSlugs.includes(slug)) return undefined;
  return `KrakenFlex registered the device through ${provider} (${slug}), but the enrollment names ${manufacturerSlugs.join(', ')}`;
}
