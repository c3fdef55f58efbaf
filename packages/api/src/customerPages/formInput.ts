import { askedOf, type EnrollmentPageSettings, type SelfEnrollmentInput } from '@flexroll/core';
import type { FormField, FormValues, Step } from './FormState.js';

const ADDRESS = ['streetOne', 'streetTwo', 'city', 'state', 'postalCode', 'country'] as const;

/** The fields a step shows on this page. */
export function fieldsOfStep(page: EnrollmentPageSettings, step: Step): FormField[] {
  if (step === 1) {
    return ['firstName', 'lastName', 'email', ...(askedOf(page, 'phone') === 'off' ? [] : ['phone' as const]), ...(askedOf(page, 'address') === 'off' ? [] : ADDRESS)];
  }
  if (step === 2) {
    return [
      ...(askedOf(page, 'manufacturerSlugs') === 'off' ? [] : ['manufacturer' as const]),
      ...(askedOf(page, 'deviceType') === 'off' ? [] : ['deviceType' as const]),
      ...(askedOf(page, 'serialNumber') === 'off' ? [] : ['serialNumber' as const]),
    ];
  }
  return [];
}

/** The step after `step`, passing over a device step that asks nothing. */
export function nextStep(page: EnrollmentPageSettings, step: Step): Step {
  if (step === 1) return fieldsOfStep(page, 2).length === 0 ? 3 : 2;
  return 3;
}

/** The step before `step`, likewise. */
export function previousStep(page: EnrollmentPageSettings, step: Step): Step {
  if (step === 3) return fieldsOfStep(page, 2).length === 0 ? 1 : 2;
  return 1;
}

/**
 * The customer's answers as the service takes them: empty answers left out, an address only when any part of it was
 * given (the API's schema then requires its parts), a manufacturer as the slug the API stores (`Tesla` → `tesla`).
 */
export function toSelfEnrollmentInput(page: EnrollmentPageSettings, values: FormValues): SelfEnrollmentInput {
  const given = (field: FormField) => {
    const value = values[field]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const address = askedOf(page, 'address') !== 'off' && ADDRESS.some((field) => given(field) !== undefined)
    ? Object.fromEntries(ADDRESS.flatMap((field) => (given(field) === undefined ? [] : [[field, given(field)]])))
    : undefined;
  const manufacturer = askedOf(page, 'manufacturerSlugs') === 'off' ? undefined : given('manufacturer')?.toLowerCase().replace(/\s+/g, '-');
  const optional = (field: FormField, asked: boolean) => (asked && given(field) !== undefined ? { [field]: given(field) } : {});
  return {
    firstName: given('firstName') ?? '',
    lastName: given('lastName') ?? '',
    email: given('email') ?? '',
    ...optional('phone', askedOf(page, 'phone') !== 'off'),
    ...(address === undefined ? {} : { address: address as unknown as NonNullable<SelfEnrollmentInput['address']> }),
    ...(manufacturer === undefined ? {} : { manufacturerSlugs: [manufacturer] }),
    ...optional('deviceType', askedOf(page, 'deviceType') !== 'off'),
    ...optional('serialNumber', askedOf(page, 'serialNumber') !== 'off'),
  };
}
