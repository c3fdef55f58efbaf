/** A postal address, seed 004's shape. */
export interface Address {
  readonly streetOne: string;
  readonly streetTwo?: string;
  readonly city: string;
  readonly state: string;
  readonly postalCode: string;
  readonly country: string;
}

/** A workspace's existing customer: first name, last name and email are required (seed 004). */
export interface Customer {
  readonly id: string;
  readonly workspaceId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phone?: string;
  readonly address?: Address;
  readonly createdAt: string;
}

/** A prospective customer; what is known may be partial. */
export interface Lead {
  readonly id: string;
  readonly workspaceId: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly address?: Address;
  readonly createdAt: string;
}
