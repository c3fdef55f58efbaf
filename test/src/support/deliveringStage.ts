import type { BackgroundRunner, CoreSettings } from '@flexroll/core';
import type { StoreChoice } from './stores.js';
import { TestServer } from './TestServer.js';
import { WebhookReceiver } from './WebhookReceiver.js';
import { buildWorld, type World } from './World.js';

/** What a webhook spec acts on: a server that delivers (its sweeps run in-process), one receiver, and a world. */
export interface DeliveringStage {
  readonly server: TestServer;
  readonly receiver: WebhookReceiver;
  readonly world: World;
}

/**
 * Registers the hooks that open a {@link DeliveringStage} before a describe block's tests and close it after, and
 * hands the opened stage to `opened` (the specs keep it in their own variables). The system clock, because the
 * receivers check signatures' timestamps against now.
 */
export function deliveringStage(store: StoreChoice, coreSettings: Partial<CoreSettings>, workspaceName: string, opened: (stage: DeliveringStage) => void): void {
  let server: TestServer | undefined;
  let receiver: WebhookReceiver | undefined;
  let runner: BackgroundRunner | undefined;
  before(async function () {
    this.timeout(60_000);
    server = await TestServer.start(store, { systemClock: true, coreSettings, rateLimitPerMinute: 100_000 });
    receiver = await WebhookReceiver.start();
    runner = server.backgroundRunner(['sweeps']);
    runner.start();
    opened({ server, receiver, world: await buildWorld(server, workspaceName) });
  });
  after(async () => {
    await runner?.stop();
    await receiver?.down();
    await server?.stop();
  });
}
