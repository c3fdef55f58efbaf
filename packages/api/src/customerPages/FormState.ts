/** Every answer the form can hold, as typed (strings; empty means not given). */
export const FORM_FIELDS = [
  'firstName', 'lastName', 'email', 'phone', 'streetOne', 'streetTwo', 'city', 'state', 'postalCode', 'country', 'manufacturer', 'deviceType', 'serialNumber',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type FormValues = Partial<Record<FormField, string>>;

/** The steps, in order: details, device, consent. */
export type Step = 1 | 2 | 3;

/**
 * What the form carries from step to step, sealed (FormSeal) in a hidden field: nothing the customer can read back
 * from it or change, and nothing kept on the server until they submit.
 */
export interface FormState {
  /** This form's own id: what its submission's writes are named after (one enrollment however often it is sent). */
  readonly form: string;
  /** Equal to the customer's `flexroll_form` cookie: a page on another site cannot post this form (CSRF). */
  readonly csrf: string;
  /** When the form was opened (wall-clock ms): a submission sooner than a person could type is refused. */
  readonly openedAt: number;
  readonly locale: string;
  readonly step: Step;
  readonly values: FormValues;
}

/** A sealed value opened back into a form state, or undefined when it is not one. */
export function asFormState(value: unknown): FormState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const state = value as Partial<FormState>;
  const valid =
    typeof state.form === 'string' && typeof state.csrf === 'string' && typeof state.openedAt === 'number' && typeof state.locale === 'string' &&
    (state.step === 1 || state.step === 2 || state.step === 3) && typeof state.values === 'object' && state.values !== null;
  return valid ? (state as FormState) : undefined;
}
