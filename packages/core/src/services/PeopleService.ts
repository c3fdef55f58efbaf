import { inject, injectable } from 'inversify';
import type { Clock } from '../clock/Clock.js';
import { newCuid } from '../ids/ids.js';
import type { CallContext } from '../model/CallContext.js';
import type { Customer, Lead } from '../model/Person.js';
import type { CustomerRepository, LeadRepository } from '../ports/PersonRepository.js';
import { CORE_TOKENS, STORE_TOKENS } from '../tokens.js';

/** Customers and leads, the records the `customerId` and `leadId` identification types refer to. */
@injectable()
export class PeopleService {
  constructor(
    @inject(STORE_TOKENS.customers) private readonly customers: CustomerRepository,
    @inject(STORE_TOKENS.leads) private readonly leads: LeadRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
  ) {}

  async createCustomer(context: CallContext, input: Omit<Customer, 'id' | 'workspaceId' | 'createdAt'>): Promise<Customer> {
    const customer: Customer = { ...input, id: newCuid(), workspaceId: context.workspaceId, createdAt: this.clock.now().toISOString() };
    await this.customers.insert(customer);
    return customer;
  }

  async createLead(context: CallContext, input: Omit<Lead, 'id' | 'workspaceId' | 'createdAt'>): Promise<Lead> {
    const lead: Lead = { ...input, id: newCuid(), workspaceId: context.workspaceId, createdAt: this.clock.now().toISOString() };
    await this.leads.insert(lead);
    return lead;
  }
}
