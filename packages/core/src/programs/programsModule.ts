import { ContainerModule } from 'inversify';
import { ProgramInstanceService } from './ProgramInstanceService.js';
import { InstanceVersions } from './InstanceVersions.js';
import { ProgramService } from './ProgramService.js';

/** Programs and their instances: the settings, adapter and rules every enrollment in an instance runs under. */
export function programsModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(ProgramService).toSelf().inSingletonScope();
    bind(ProgramInstanceService).toSelf().inSingletonScope();
    bind(InstanceVersions).toSelf().inSingletonScope();
  });
}
