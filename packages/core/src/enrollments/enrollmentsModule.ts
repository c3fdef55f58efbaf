import { ContainerModule } from 'inversify';
import { CORE_TOKENS } from '../platform/index.js';
import { ChangeRunner } from './ChangeRunner.js';
import { DeviceClaims } from './DeviceClaims.js';
import { EnrollmentCreation } from './EnrollmentCreation.js';
import { EnrollmentLog } from './EnrollmentLog.js';
import { EnrollmentService } from './EnrollmentService.js';
import { EventAppendSignal } from './EventAppendSignal.js';
import { EventService } from './EventService.js';
import { IdentityResolver } from './people/IdentityResolver.js';
import { PeopleService } from './people/PeopleService.js';
import { ProjectionRepair } from './ProjectionRepair.js';

/** The enrollment, its event log and the runner every change goes through; customers and leads; device claims; projection repair. */
export function enrollmentsModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(ChangeRunner).toSelf().inSingletonScope();
    bind(EnrollmentLog).toSelf().inSingletonScope();
    bind(EventAppendSignal).toSelf().inSingletonScope();
    bind(DeviceClaims).toSelf().inSingletonScope();
    bind(IdentityResolver).toSelf().inSingletonScope();
    bind(PeopleService).toSelf().inSingletonScope();
    bind(EnrollmentCreation).toSelf().inSingletonScope();
    bind(EnrollmentService).toSelf().inSingletonScope();
    bind(EventService).toSelf().inSingletonScope();
    bind(ProjectionRepair).toSelf().inSingletonScope();
    bind(CORE_TOKENS.backgroundTasks).toService(ProjectionRepair);
  });
}
