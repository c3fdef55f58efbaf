// (h) Operator events: what it costs to take an operator's report the real way. Each operation moves one fresh
// participation from ENROLMENT_REQUESTED to AWAITING_CONSENT, three ways, in alternating rounds:
//   baseline  ParticipationService.trigger('consent_requested')      — the trigger route, reference adapter
//   event     ParticipationService.applyOperatorEvent(device.status)  — plugins/kraken maps ONBOARDING: the status
//             kept, the operator's order checked, a trace event, the account reference linked
//   webhook   OperatorWebhookService.receive(signed Kraken body)      — the same, plus the instance found by id alone,
//             the HMAC verified over the raw bytes, the device found by its operator reference
// The participations are made, and their devices linked, before the timing. In-process services, no HTTP.
//
//   node bench/operatorEvents.mjs        (after npm run build:all)
import 'reflect-metadata';
import kraken, { signKrakenWebhook } from '@flexroll/plugin-kraken';
import manual from '@flexroll/plugin-manual';
import { newHarness } from './lib/harness.mjs';
import { suzieWithDevice } from '@flexroll/core/testing';
import { isMain, runBenches } from './lib/main.mjs';
import { compare, lanes } from './lib/measure.mjs';
import { printTable } from './lib/report.mjs';
import { onEachStore } from './lib/stores.mjs';

const SECRET = 'whsec-bench-kraken-0001';
const PLANS = { memory: { iterations: 600, warmup: 60, rounds: 3 }, mongo: { iterations: 30, warmup: 3, rounds: 3 } };

export async function operatorEvents({ mongo }) {
  await onEachStore('(h) Operator events', mongo, async (kind, label, fresh) => {
    const plan = PLANS[kind];
    const total = plan.iterations + plan.warmup;
    const h = newHarness((await fresh()).module(), { adapters: [manual, kraken] });
    const { context, instance: manualInstance } = await h.tenant('Bench Utility');
    const program = await h.programs.create({ name: 'Kraken bench', provider: { providerDisplayName: 'Octopus' } });
    const config = { apiBaseUrl: 'https://kraken.invalid/v1/graphql/', apiKey: 'sk_bench_kraken_0001', webhookSecret: SECRET };
    const krakenInstance = await h.instances.create(context, { programId: program.id, name: 'Kraken', adapter: { adapterId: 'kraken', config } });
    const make = async (instance, prefix) => {
      const made = [];
      for (let n = 0; n < total; n++) made.push((await h.enrollments.create(context, instance.id, suzieWithDevice(`${prefix}-${n}`))).participation.id);
      return made;
    };
    const plain = await make(manualInstance, 'plain');
    const evented = await make(krakenInstance, 'event');
    const hooked = await make(krakenInstance, 'hook');
    for (const [n, pid] of hooked.entries()) await h.operatorReferences.link(krakenInstance, { kind: 'device', value: `bench-device-${n}` }, pid);
    const at = (index) => index + plan.warmup; // warm-up indexes are negative
    const webhooks = h.operatorWebhooks;

    const [baseline, event, webhook] = await compare([
      lanes((i) => h.participations.trigger(context, plain[at(i)], { trigger: 'consent_requested' })),
      lanes((i) => h.participations.applyOperatorEvent(context, krakenInstance.id, evented[at(i)], {
        type: 'device.status', payload: { deviceId: `bench-event-${i}`, accountNumber: 'A-1234ABCD', status: 'ONBOARDING' }, occurredAt: h.clock.now().toISOString(),
      })),
      lanes((i) => {
        const body = JSON.stringify({ events: [{ type: 'device.status', occurredAt: h.clock.now().toISOString(), sequence: 1, data: { deviceId: `bench-device-${at(i)}`, accountNumber: 'A-1234ABCD', status: 'ONBOARDING' } }] });
        const signature = signKrakenWebhook(SECRET, body, Math.floor(h.clock.now().getTime() / 1000));
        return webhooks.receive(krakenInstance.id, { body: Buffer.from(body), headers: { 'x-kraken-signature': signature } });
      }),
    ], plan);

    printTable(`(h) Operator events on ${label}: ENROLMENT_REQUESTED → AWAITING_CONSENT, one participation each`, [
      { name: 'trigger consent_requested (reference adapter)', result: baseline, extra: { 'writes': 'state change' } },
      { name: 'operator event device.status ONBOARDING (kraken)', result: event, extra: { 'writes': 'state change, trace, outbox item, reference' } },
      { name: 'signed Kraken webhook, addressed by device reference', result: webhook, extra: { 'writes': 'the same' } },
    ]);
  });
}

if (isMain(import.meta.url)) await runBenches([operatorEvents], { needsMongo: true });
