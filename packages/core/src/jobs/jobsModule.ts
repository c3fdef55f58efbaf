import { ContainerModule } from 'inversify';
import { CORE_TOKENS } from '../platform/index.js';
import { BulkChunkProcessor } from './bulk/BulkChunkProcessor.js';
import { ExistingRowHandler } from './import/ExistingRowHandler.js';
import { ImportChunkProcessor } from './import/ImportChunkProcessor.js';
import { JobRunner } from './JobRunner.js';
import { JobService } from './JobService.js';

/** Jobs (imports, bulk moves): the runner is a background task beside the sweeps. */
export function jobsModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(ImportChunkProcessor).toSelf().inSingletonScope();
    bind(ExistingRowHandler).toSelf().inSingletonScope();
    bind(BulkChunkProcessor).toSelf().inSingletonScope();
    bind(JobService).toSelf().inSingletonScope();
    bind(JobRunner).toSelf().inSingletonScope();
    bind(CORE_TOKENS.backgroundTasks).toService(JobRunner);
  });
}
