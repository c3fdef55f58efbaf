import { ContainerModule } from 'inversify';
import { CORE_TOKENS } from '../platform/index.js';
import { CustomerMailTask } from './CustomerMailTask.js';
import { EnrollmentPageService } from './EnrollmentPageService.js';
import { FormSeal } from './FormSeal.js';
import { SelfEnrollmentService } from './SelfEnrollmentService.js';
import { StatusLinks } from './StatusLinks.js';

/** The customer's own enrollment page and status page (issue 22): the pages' settings, the status links, the submissions. */
export function selfEnrollmentModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(EnrollmentPageService).toSelf().inSingletonScope();
    bind(StatusLinks).toSelf().inSingletonScope();
    bind(FormSeal).toSelf().inSingletonScope();
    bind(SelfEnrollmentService).toSelf().inSingletonScope();
    bind(CustomerMailTask).toSelf().inSingletonScope();
    bind(CORE_TOKENS.backgroundTasks).toService(CustomerMailTask);
  });
}
