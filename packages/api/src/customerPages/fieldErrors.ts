import type { FieldIssue } from '@flexroll/sdk';
import type { FormField } from './FormState.js';
import type { Translator } from './Locales.js';

/** The form field an API field issue belongs beside: `/address/postalCode` → postalCode, `/manufacturerSlugs/0` → manufacturer. */
export function formFieldOf(issue: FieldIssue): FormField | undefined {
  const [top, sub] = issue.field.split('/').slice(1);
  switch (top) {
    case 'firstName': case 'lastName': case 'email': case 'phone': case 'serialNumber': case 'deviceType':
      return top;
    case 'manufacturerSlugs':
      return 'manufacturer';
    case 'address':
      if (sub === 'streetOne' || sub === 'streetTwo' || sub === 'city' || sub === 'state' || sub === 'postalCode' || sub === 'country') return sub;
      return 'streetOne';
    default:
      return undefined;
  }
}

/** An issue in the customer's words: the rule it broke, said in their language. */
export function issueMessage(issue: FieldIssue, t: Translator): string {
  if (issue.rule === 'required' || issue.rule === 'minLength' || issue.rule === 'minItems') return t.t('error.required');
  if (issue.rule === 'format' && issue.field === '/email') return t.t('error.email');
  if (issue.rule === 'maxLength') {
    const limit = /(\d+)/.exec(issue.message)?.[1];
    if (limit !== undefined) return t.t('error.tooLong', { limit: Number(limit) });
  }
  return t.t('error.format');
}

/** The issues by form field, one message each (the first problem found), in the customer's language. */
export function errorsByField(issues: readonly FieldIssue[], t: Translator, fields: readonly FormField[]): Partial<Record<FormField, string>> {
  const errors: Partial<Record<FormField, string>> = {};
  for (const issue of issues) {
    const field = formFieldOf(issue);
    if (field !== undefined && fields.includes(field) && errors[field] === undefined) errors[field] = issueMessage(issue, t);
  }
  return errors;
}
