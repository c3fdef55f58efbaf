/**
 * The enrollment's personal fields (seed 004 names) an adapter may be granted: what an operator's onboarding call
 * can need (an e-mail, a name, an address, the device's serial number, the workspace's own reference).
 * @example const needed: CustomerDataField[] = ['email', 'firstName'];
 */
export const CUSTOMER_DATA_FIELDS = ['email', 'firstName', 'lastName', 'phone', 'address', 'serialNumber', 'referenceId'] as const;
export type CustomerDataField = (typeof CUSTOMER_DATA_FIELDS)[number];

/**
 * What a manifest declares it needs of the customer's data, and why (the purpose is copied into every grant, so
 * whoever grants the data reads it). A program instance grants some or all of these fields when it is created; an
 * adapter that declares none is never granted any.
 * @example const customerData: CustomerDataDeclaration = { fields: ['email'], purpose: 'The operator invites the customer to its app by e-mail.' };
 */
export interface CustomerDataDeclaration {
  readonly fields: readonly CustomerDataField[];
  /** Why the operator needs them, in a sentence a workspace administrator can judge. */
  readonly purpose: string;
}

/** A customer's postal address, as seed 004 writes it. @example const address: CustomerAddress = { streetOne: '1 Main St', city: 'Albany', state: 'NY', postalCode: '12207', country: 'USA' }; */
export interface CustomerAddress {
  readonly streetOne: string;
  readonly streetTwo?: string;
  readonly city: string;
  readonly state: string;
  readonly postalCode: string;
  readonly country: string;
}

/**
 * The customer's data an adapter's view carries (`customer` on `ParticipationView` and `EnrollmentView`): exactly
 * the fields its program instance granted that the enrollment has, and nothing else. A field not granted, or not
 * on the enrollment, is absent (`undefined`).
 * @example if (participation.customer?.email !== undefined) await invite(participation.customer.email);
 */
export interface GrantedCustomerData {
  /** The customer's e-mail address (seed 004 `email`). */
  readonly email?: string;
  /** The customer's first name (seed 004 `firstName`). */
  readonly firstName?: string;
  /** The customer's last name (seed 004 `lastName`). */
  readonly lastName?: string;
  /** The customer's phone number (seed 004 `phone`). */
  readonly phone?: string;
  /** The site's postal address (seed 004 `address`). */
  readonly address?: CustomerAddress;
  /** The device's serial number (seed 004 `serialNumber`). */
  readonly serialNumber?: string;
  /** The workspace's own reference for the enrollment (seed 004 `referenceId`; not the participation's `providerReferenceId`). */
  readonly referenceId?: string;
}

/**
 * Of an enrollment's data, exactly the granted fields it has: the platform builds `customer` with it, and a test
 * can build the view it expects. Undefined when nothing granted is present (no `customer` at all).
 * @example grantedCustomerData({ email: 'ada@example.com', phone: '+1 555 0100' }, ['email', 'firstName']) // { email: 'ada@example.com' }
 */
export function grantedCustomerData(source: Readonly<Partial<Record<CustomerDataField, unknown>>>, granted: readonly CustomerDataField[]): GrantedCustomerData | undefined {
  const picked: Record<string, unknown> = {};
  for (const field of CUSTOMER_DATA_FIELDS) {
    const value = source[field];
    if (granted.includes(field) && value !== undefined && value !== null) picked[field] = typeof value === 'object' ? { ...value } : value;
  }
  return Object.keys(picked).length === 0 ? undefined : picked;
}
