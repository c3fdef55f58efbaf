import { ContainerModule } from 'inversify';
import { CustomerMailOutbox } from './CustomerMailOutbox.js';

/** E-mail to self-enrolled customers (issue 22): the outbox (its task, `CustomerMailTask`, is the self-enrollment module's). */
export function customerMailModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(CustomerMailOutbox).toSelf().inSingletonScope();
  });
}
