import { ContainerModule } from 'inversify';
import { CORE_TOKENS } from '../platform/index.js';
import { CustomerMailCatchUp } from './CustomerMailCatchUp.js';
import { CustomerMailOutbox } from './CustomerMailOutbox.js';

/** E-mail to self-enrolled customers (issue 22): the outbox and its catch-up, which follows the adapter outbox's (its task, `CustomerMailTask`, is the self-enrollment module's). */
export function customerMailModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(CustomerMailOutbox).toSelf().inSingletonScope();
    bind(CustomerMailCatchUp).toSelf().inSingletonScope();
    bind(CORE_TOKENS.movesFollowers).toService(CustomerMailCatchUp);
  });
}
