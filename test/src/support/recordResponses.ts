import { runRecordedScenario, type RecordedExchange } from './recordedScenario.js';
import { normaliseRecording, seededRandomBytes } from './recordingNormaliser.js';
import { STORES } from './stores.js';
import { TestServer } from './TestServer.js';
import { LOOPBACK_RECEIVERS, WebhookReceiver } from './WebhookReceiver.js';

/**
 * Runs the recorded-responses scenario on a fresh server on the embedded store (the one store whose writes follow
 * the requests' order exactly, so seeded randomness gives the same ids in the same order) and normalises it.
 */
export async function recordResponses(): Promise<RecordedExchange[]> {
  const restore = seededRandomBytes();
  const receiver = await WebhookReceiver.start();
  const server = await TestServer.start(STORES[0]!, { coreSettings: LOOPBACK_RECEIVERS, rateLimitPerMinute: 600 });
  try {
    return normaliseRecording(await runRecordedScenario(server, receiver));
  } finally {
    await server.stop();
    await receiver.down();
    restore();
  }
}
