import type { CustomerDataField, GrantedCustomerData } from '@flexroll/sdk';
import type { EventDraft } from './EnrollmentEvent.js';

/**
 * The audit record of one hand-over of the customer's data to an adapter: which call carried it, and the names of
 * the fields it held (never their values). Every call that carries a `customer` appends one, before the call.
 * @example change.add(customerDataShared('acme-vpp', 'onParticipationCreated', { email: 'ada@example.com' }))
 */
export function customerDataShared(adapterId: string, operation: string, customer: GrantedCustomerData): EventDraft {
  return { type: 'adapter.customer_data_shared', data: { adapterId, operation, fields: Object.keys(customer) as CustomerDataField[] } };
}
