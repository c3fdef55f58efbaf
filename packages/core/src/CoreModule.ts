import { ContainerModule } from 'inversify';
import { accessModule } from './access/index.js';
import { deadlinesModule } from './deadlines/index.js';
import { enrollmentsModule } from './enrollments/index.js';
import { jobsModule } from './jobs/index.js';
import { operatorsModule, type OperatorsOptions } from './operators/index.js';
import { participationModule } from './participation/index.js';
import { DEFAULT_CORE_SETTINGS, platformModule, type PlatformOptions } from './platform/index.js';
import { programsModule } from './programs/index.js';
import { screeningModule } from './screening/index.js';
import { summaryModule } from './summary/index.js';
import { selfEnrollmentModule } from './selfEnrollment/index.js';
import { customerMailModule } from './customerMail/index.js';
import { webhooksModule, type WebhooksOptions } from './webhooks/index.js';

/** What the host hands the core: the platform's clock, settings, secret box and logger; the adapters; the webhook transport. */
export type CoreModuleOptions = PlatformOptions & OperatorsOptions & Partial<Pick<WebhooksOptions, 'webhookTransport'>>;

/**
 * The core's services, as singletons: every capability's module, loaded as one. A store's module must be loaded
 * beside it to bind the repository ports. Platform comes last so that the background tasks keep the order they
 * were bound in (sweeps, adapter outbox, polling, jobs, webhooks, idempotency expiry).
 */
export function coreModule(options: CoreModuleOptions = {}): ContainerModule {
  const settings = { ...DEFAULT_CORE_SETTINGS, ...options.settings };
  const modules = [
    accessModule(),
    programsModule(),
    enrollmentsModule(),
    screeningModule(),
    participationModule(),
    deadlinesModule(),
    summaryModule(),
    selfEnrollmentModule(),
    customerMailModule(),
    operatorsModule(options),
    jobsModule(),
    webhooksModule({ webhookTransport: options.webhookTransport, allowPrivateNetworks: settings.webhookAllowPrivateNetworks }),
    platformModule(options),
  ];
  // Each capability's module binds synchronously, so nothing is left pending.
  return new ContainerModule((load) => modules.forEach((module) => void module.load(load)));
}
