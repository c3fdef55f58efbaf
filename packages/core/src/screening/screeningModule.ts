import { ContainerModule } from 'inversify';
import { EligibilityScreening } from './EligibilityScreening.js';
import { RuleBook } from './RuleBook.js';
import { RulesDryRun } from './RulesDryRun.js';

/** Eligibility: an instance's versioned rules and the screening of enrollments against them. */
export function screeningModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(RuleBook).toSelf().inSingletonScope();
    bind(EligibilityScreening).toSelf().inSingletonScope();
    bind(RulesDryRun).toSelf().inSingletonScope();
  });
}
