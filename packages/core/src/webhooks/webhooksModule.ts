import { ContainerModule } from 'inversify';
import { CORE_TOKENS } from '../platform/index.js';
import { EndpointHealth } from './dispatch/EndpointHealth.js';
import { WebhookDelivery } from './dispatch/WebhookDelivery.js';
import { WebhookDispatcher } from './dispatch/WebhookDispatcher.js';
import { WebhookFanOut } from './dispatch/WebhookFanOut.js';
import { NodeWebhookTransport } from './transport/NodeWebhookTransport.js';
import type { WebhookTransport } from './transport/WebhookTransport.js';
import { WebhookEndpointService } from './WebhookEndpointService.js';
import { WebhookLogService } from './WebhookLogService.js';

export interface WebhooksOptions {
  /** How webhooks are sent; HTTP with the SSRF guard (and the settings' allowance for private networks) by default. */
  readonly webhookTransport?: WebhookTransport;
  /** The settings' allowance for private networks, for the default transport. */
  readonly allowPrivateNetworks: boolean;
}

/** Webhooks: endpoints, the message log, and the dispatcher that fans events out and delivers them. */
export function webhooksModule(options: WebhooksOptions): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(CORE_TOKENS.webhookTransport).toConstantValue(options.webhookTransport ?? new NodeWebhookTransport(options.allowPrivateNetworks));
    bind(WebhookEndpointService).toSelf().inSingletonScope();
    bind(WebhookLogService).toSelf().inSingletonScope();
    bind(WebhookFanOut).toSelf().inSingletonScope();
    bind(WebhookDelivery).toSelf().inSingletonScope();
    bind(EndpointHealth).toSelf().inSingletonScope();
    bind(WebhookDispatcher).toSelf().inSingletonScope();
    bind(CORE_TOKENS.backgroundTasks).toService(WebhookDispatcher);
  });
}
