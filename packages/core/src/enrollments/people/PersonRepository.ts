import type { Customer, Lead } from './Person.js';

export interface CustomerRepository {
  insert(customer: Customer): Promise<void>;
  get(workspaceId: string, id: string): Promise<Customer | undefined>;
}

export interface LeadRepository {
  insert(lead: Lead): Promise<void>;
  get(workspaceId: string, id: string): Promise<Lead | undefined>;
}
