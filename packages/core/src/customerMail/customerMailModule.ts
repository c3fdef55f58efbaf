import { ContainerModule } from 'inversify';
import { CORE_TOKENS } from '../platform/index.js';
import { CustomerMailOutbox } from './CustomerMailOutbox.js';
import { CustomerMailTask } from './CustomerMailTask.js';

/** E-mail to self-enrolled customers (issue 22): the outbox and its background task (idle without a mailer). */
export function customerMailModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(CustomerMailOutbox).toSelf().inSingletonScope();
    bind(CustomerMailTask).toSelf().inSingletonScope();
    bind(CORE_TOKENS.backgroundTasks).toService(CustomerMailTask);
  });
}
