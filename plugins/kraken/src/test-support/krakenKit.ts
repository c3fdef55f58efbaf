import type { ParticipationState } from '@flexroll/sdk';
import { AdapterKit, reachState, type Enrollment } from '@flexroll/testkit';
import adapter from '../index.js';
import { KRAKEN_TEST_CONFIG } from './krakenTestConfig.js';

/** A Kraken report as its webhook would carry it, for the platform to map and apply. */
export interface KrakenReport {
  readonly type: 'device.status' | 'test_dispatch.status' | 'smart_control.changed' | 'eligibility.updated';
  readonly data: Record<string, unknown>;
  readonly occurredAt?: string;
  readonly sequence?: number;
}

/** One scenario's platform with the Kraken adapter bound, and the way Kraken's reports reach a participation. */
export class KrakenKit {
  readonly kit: AdapterKit;
  enrollment!: Enrollment;

  constructor(scenario: string, config: Record<string, unknown> = {}) {
    this.kit = new AdapterKit(adapter, scenario, { config: { ...KRAKEN_TEST_CONFIG, ...config } });
  }

  /** An enrollment standing in `state`. */
  async at(state: ParticipationState): Promise<this> {
    this.enrollment = await reachState(this.kit, state);
    return this;
  }

  get participationId(): string {
    return this.enrollment.participation!.id;
  }

  /** Applies one Kraken report (as the operator-events route does) and answers the enrollment after it. */
  async report({ type, data, occurredAt, sequence }: KrakenReport): Promise<Enrollment> {
    const { harness, context, instance } = this.kit;
    const event = { type, payload: { deviceId: 'krakenflex-device-7f3a', accountNumber: 'A-1234ABCD', ...data }, occurredAt: occurredAt ?? harness.clock.now().toISOString(), ...(sequence === undefined ? {} : { sequence }) };
    return (await harness.participations.applyOperatorEvent(context, instance.id, this.participationId, event)).enrollment;
  }

  async current(): Promise<Enrollment> {
    return this.kit.harness.enrollments.get(this.kit.context, this.enrollment.id);
  }
}
