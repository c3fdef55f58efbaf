import { ContainerModule } from 'inversify';
import { InstanceSummaryService } from './InstanceSummaryService.js';

/** The console's home counts per program instance. */
export function summaryModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(InstanceSummaryService).toSelf().inSingletonScope();
  });
}
