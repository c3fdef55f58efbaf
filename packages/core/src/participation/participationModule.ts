import { ContainerModule } from 'inversify';
import { CORE_TOKENS } from '../platform/index.js';
import { ParticipationService } from './ParticipationService.js';
import { SweepService } from './sweeps/SweepService.js';
import { DueMoments } from './due/DueMoments.js';

/** The participation: its states and triggers, and the sweeps that move it when time passes. */
export function participationModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(ParticipationService).toSelf().inSingletonScope();
    bind(SweepService).toSelf().inSingletonScope();
    bind(DueMoments).toSelf().inSingletonScope();
    bind(CORE_TOKENS.backgroundTasks).toService(SweepService);
  });
}
