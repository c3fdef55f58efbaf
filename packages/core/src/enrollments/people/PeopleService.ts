import { inject, injectable } from 'inversify';
import { type Clock, cuidFor, type CallContext, requireWorkspaceScope, CORE_TOKENS, STORE_TOKENS, insertOnce } from '../../platform/index.js';
import type { Customer, Lead } from './Person.js';
import type { CustomerRepository, LeadRepository } from './PersonRepository.js';

/**
 * Customers and leads, the records the `customerId` and `leadId` identification types refer to. Within an idempotent
 * request a record's id is derived from it, so a retry of a request that died after the insert finds that record.
 */
@injectable()
export class PeopleService {
  constructor(
    @inject(STORE_TOKENS.customers) private readonly customers: CustomerRepository,
    @inject(STORE_TOKENS.leads) private readonly leads: LeadRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
  ) {}

  /** Customers and leads belong to the workspace, not to an instance: an instance-scoped caller makes none (ADR 0025). */
  async createCustomer(context: CallContext, input: Omit<Customer, 'id' | 'workspaceId' | 'createdAt'>): Promise<Customer> {
    requireWorkspaceScope(context, 'create a customer');
    const customer: Customer = { ...input, id: cuidFor(context.operation, 'customer'), workspaceId: context.workspaceId, createdAt: this.clock.now().toISOString() };
    return insertOnce(context.operation, customer, (record) => this.customers.insert(record), () => this.customers.get(context.workspaceId, customer.id));
  }

  async createLead(context: CallContext, input: Omit<Lead, 'id' | 'workspaceId' | 'createdAt'>): Promise<Lead> {
    requireWorkspaceScope(context, 'create a lead');
    const lead: Lead = { ...input, id: cuidFor(context.operation, 'lead'), workspaceId: context.workspaceId, createdAt: this.clock.now().toISOString() };
    return insertOnce(context.operation, lead, (record) => this.leads.insert(record), () => this.leads.get(context.workspaceId, lead.id));
  }
}
