import { inject, injectable } from 'inversify';
import { NotFoundError, type NativeStatusDrift, type ParticipationState } from '@flexroll/sdk';
import { AdapterGateway } from './adapters/AdapterGateway.js';
import { type Clock, type CallContext, inInstanceScope, toPage, pageOffset, type Page, type PageRequest, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import type { Enrollment, Participation, EnrollmentProjectionRepository } from '../enrollments/index.js';
import type { ProgramInstanceRepository } from '../programs/index.js';
import { driftOf } from './driftOf.js';

const SCAN_PAGE = 100;

/** One participation in drift: where Flexroll has it, what the operator says, and since when they disagree. */
export interface DriftingParticipation {
  readonly enrollmentId: string;
  readonly participation: Participation;
  readonly state: ParticipationState;
  readonly drift: NativeStatusDrift;
}

/**
 * The participations of one program instance whose operator statuses have disagreed with Flexroll's state for
 * longer than the adapter allows. Drift is judged when asked (it depends on the time), so listing reads every
 * participation of the instance, a page of 100 at a time: a report for operations, not a hot path.
 */
@injectable()
export class DriftService {
  constructor(
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(STORE_TOKENS.enrollments) private readonly projections: EnrollmentProjectionRepository,
    @inject(AdapterGateway) private readonly gateway: AdapterGateway,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
  ) {}

  async list(context: CallContext, programInstanceId: string, page: PageRequest): Promise<Page<DriftingParticipation>> {
    const instance = await this.instances.get(context.workspaceId, programInstanceId);
    if (instance === undefined || !inInstanceScope(context, programInstanceId)) throw new NotFoundError('program_instance', programInstanceId);
    const manifest = this.gateway.adapters.get(instance.adapter.adapterId).manifest;
    const now = this.clock.now();
    const drifting: DriftingParticipation[] = [];
    for (let scan = 1; ; scan++) {
      const found = await this.projections.list(context.workspaceId, { programInstanceId }, { page: scan, perPage: SCAN_PAGE });
      for (const enrollment of found.data) {
        const entry = this.drifting(enrollment, manifest, now);
        if (entry !== undefined) drifting.push(entry);
      }
      if (scan >= found.totalPages) break;
    }
    const offset = pageOffset(page);
    return toPage(drifting.slice(offset, offset + page.perPage), page, drifting.length);
  }

  private drifting(enrollment: Enrollment, manifest: Parameters<typeof driftOf>[1], now: Date): DriftingParticipation | undefined {
    const participation = enrollment.participation;
    if (participation === undefined || enrollment.deletedAt !== undefined) return undefined;
    const drift = driftOf(participation, manifest, now);
    return drift === undefined ? undefined : { enrollmentId: enrollment.id, participation, state: participation.state, drift };
  }
}
