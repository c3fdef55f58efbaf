import { inject, injectable } from 'inversify';
import { InputError } from '@flexroll/sdk';
import type { CreateEnrollmentInput } from '../identification.js';
import { CARRIED_OVER_FIELDS, PERSON_FIELDS } from '../enrollmentFieldLists.js';
import { EnrollmentLog } from '../EnrollmentLog.js';
import { type CallContext, inInstanceScope, STORE_TOKENS } from '../../platform/index.js';
import type { EnrollmentData } from '../Enrollment.js';
import type { CustomerRepository, LeadRepository } from './PersonRepository.js';


/**
 * Turns a create request into the enrollment's data by its identification type (seed 004): `customerInfo` brings
 * everything itself; `customerId` and `leadId` fill name, email, phone and address from the
 * record; `enrollmentId` re-enrolls, starting from the earlier enrollment's data. Fields in the request win.
 * A reference to a record outside the workspace is refused exactly like one that does not exist.
 */
@injectable()
export class IdentityResolver {
  constructor(
    @inject(STORE_TOKENS.customers) private readonly customers: CustomerRepository,
    @inject(STORE_TOKENS.leads) private readonly leads: LeadRepository,
    @inject(EnrollmentLog) private readonly log: EnrollmentLog,
  ) {}

  async resolve(context: CallContext, input: CreateEnrollmentInput): Promise<Omit<EnrollmentData, 'programInstanceId'>> {
    const provided = withoutUndefined(input);
    switch (input.identificationType) {
      case 'customerInfo':
        // The request carries everything (seed 004); nothing else is written, so a refused enrollment leaves nothing behind.
        return provided;
      case 'customerId': {
        // Customers and leads belong to the workspace, not to an instance: an instance-scoped caller reaches none (ADR 0025).
        const customer = inInstanceScope(context, undefined) ? await this.customers.get(context.workspaceId, input.customerId as string) : undefined;
        if (customer === undefined) throw unknownReference('customerId', 'customer');
        return { ...pick(customer, PERSON_FIELDS), ...provided };
      }
      case 'leadId': {
        const lead = inInstanceScope(context, undefined) ? await this.leads.get(context.workspaceId, input.leadId as string) : undefined;
        if (lead === undefined) throw unknownReference('leadId', 'lead');
        return { ...pick(lead, PERSON_FIELDS), ...provided };
      }
      case 'enrollmentId': {
        const earlier = await this.log.load(context.workspaceId, input.enrollmentId as string);
        if (earlier === undefined || earlier.deletedAt !== undefined || !inInstanceScope(context, earlier.programInstanceId)) throw unknownReference('enrollmentId', 'enrollment');
        return { ...pick(earlier, CARRIED_OVER_FIELDS), ...provided };
      }
    }
  }
}

function unknownReference(field: string, resource: string): InputError {
  return new InputError(`${field} does not name ${/^[aeiou]/.test(resource) ? 'an' : 'a'} ${resource} in this workspace`, [
    { field: `/${field}`, rule: 'exists', message: `no ${resource} with this id in this workspace` },
  ]);
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) picked[key] = source[key];
  return picked;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
