import { InputError, type AdapterManifest, type CustomerDataField, type FieldIssue } from '@flexroll/sdk';
import type { CustomerDataGrant } from './ProgramInstance.js';

/** What a create request asks to grant: the fields, in any order. */
export interface CustomerDataGrantInput {
  readonly fields: readonly string[];
}

/**
 * The grant an instance gives its adapter when it is created: only fields the adapter's manifest declares
 * (`customerData.fields`), with the manifest's purpose copied beside them and the time of the grant. Undefined
 * when nothing is asked (the adapter sees no personal data).
 * @throws InputError naming `/customerDataGrant/fields/N` for each field the adapter does not declare, or
 *   `/customerDataGrant` when the adapter declares none.
 */
export function grantCustomerData(input: CustomerDataGrantInput | undefined, manifest: AdapterManifest, now: string): CustomerDataGrant | undefined {
  if (input === undefined) return undefined;
  const declared = manifest.customerData;
  if (declared === undefined) {
    throw new InputError(`Adapter '${manifest.id}' declares no customer data to grant`, [
      { field: '/customerDataGrant', rule: 'declared', message: `adapter '${manifest.id}' declares no customerData in its manifest` },
    ]);
  }
  const issues: FieldIssue[] = [];
  input.fields.forEach((field, index) => {
    if (!(declared.fields as readonly string[]).includes(field)) {
      issues.push({ field: `/customerDataGrant/fields/${index}`, rule: 'declared', message: `'${field}' is not among the fields adapter '${manifest.id}' declares: ${declared.fields.join(', ')}` });
    } else if (input.fields.indexOf(field) !== index) {
      issues.push({ field: `/customerDataGrant/fields/${index}`, rule: 'uniqueItems', message: `'${field}' is granted twice` });
    }
  });
  if (issues.length > 0) throw new InputError('customerDataGrant grants fields the adapter does not declare', issues);
  return { fields: input.fields as readonly CustomerDataField[], purpose: declared.purpose, grantedAt: now };
}
