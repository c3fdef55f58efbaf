import type { CustomerAddress } from '@flexroll/sdk';

/** A postal address, seed 004's shape: the SDK's, which an adapter granted the address receives. */
export type Address = CustomerAddress;

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
