import { ContainerModule } from 'inversify';
import { DeadlineService } from './DeadlineService.js';

/** The overdue queue: its service. The records are written by the enrollment log (see `EnrollmentLog`). */
export function deadlinesModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(DeadlineService).toSelf().inSingletonScope();
  });
}
