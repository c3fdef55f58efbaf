import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiProblem, unwrap } from '../api/ApiProblem';
import { api } from '../api/client';
import type { operations } from '../api/schema';
import { ErrorNotice } from '../lib/ErrorNotice';
import { formText } from '../lib/forms';
import { Link } from '../lib/Link';
import { can, useSession } from '../lib/session';
import { Title } from '../lib/Title';
import { useLoad } from '../lib/useLoad';
import { en } from '../messages/en';

const t = en.enrollmentPage;

type PageView = operations['getEnrollmentPage']['responses'][200]['content']['application/json'];
type PageBody = operations['saveEnrollmentPage']['requestBody']['content']['application/json'];
type Asked = 'off' | 'optional' | 'required';

/** The fields a page may ask beside first name, last name and e-mail (core's ASKABLE_FIELDS), in the order shown. */
const ASKABLE = ['phone', 'address', 'manufacturerSlugs', 'deviceType', 'serialNumber'] as const;
const ASKED: readonly Asked[] = ['off', 'optional', 'required'];

/** Each input's name: also the key its server-side errors are filed under (see {@link inputOf}). */
type InputName = 'enabled' | 'slug' | 'name' | 'logoUrl' | 'accentColour' | `fields.${(typeof ASKABLE)[number]}` | 'terms.version' | 'terms.text'
  | 'locales' | 'defaultLocale' | 'supportEmail' | 'leadCapture' | 'messages';

const INPUTS: ReadonlySet<string> = new Set<InputName>(['enabled', 'slug', 'name', 'logoUrl', 'accentColour', ...ASKABLE.map((field) => `fields.${field}` as const),
  'terms.version', 'terms.text', 'locales', 'defaultLocale', 'supportEmail', 'leadCapture', 'messages']);

/**
 * The input an API error's `field` (a JSON pointer into the body) belongs beside: `/terms/version` → `terms.version`,
 * `/fields/phone` → `fields.phone`, `/locales/2` → `locales` (one input holds the list), `/messages/nl/x` → `messages`.
 * A pointer to a whole object (`/terms` when it is missing) goes to its first input; none matches → the form's notice.
 */
export function inputOf(pointer: string | undefined): InputName | undefined {
  const parts = (pointer ?? '').split('/').filter(Boolean);
  if (parts.length === 0) return undefined;
  const two = `${parts[0]}.${parts[1] ?? ''}`;
  if (INPUTS.has(two)) return two as InputName;
  if (parts[0] === 'terms') return 'terms.version';
  if (INPUTS.has(parts[0]!)) return parts[0] as InputName;
  return undefined;
}

/**
 * A program instance's customer enrollment page (issue 22): switched on or off and configured as a whole
 * (`PUT /programInstances/{id}/enrollment-page`), with each server-side refusal shown beside its input and the public
 * address `/enroll/{slug}` as a link once the page is saved.
 */
export function EnrollmentPage({ instanceId }: { readonly instanceId: string }) {
  const { session } = useSession();
  const mayWrite = can(session, 'program_instances:write');
  const instance = useLoad(async () => unwrap(await api.GET('/programInstances/{instanceId}', { params: { path: { instanceId } } })), [instanceId]);
  // No page yet is a 404: the form then starts empty, switched off.
  const loaded = useLoad(async () => {
    try {
      return unwrap(await api.GET('/programInstances/{instanceId}/enrollment-page', { params: { path: { instanceId } } }));
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404 && instance.error === undefined) return null;
      throw error;
    }
  }, [instanceId]);
  const [saved, setSaved] = useState<PageView | undefined>();
  const page = saved ?? loaded.data ?? undefined;
  const name = instance.data?.name;
  return (
    <>
      <Title text={name === undefined ? t.titleLoading : t.title(name)} />
      <p><Link to={`/program-instances/${instanceId}`}>{t.back}</Link></p>
      {mayWrite ? null : <p class="muted">{en.common.notAllowed('program_instances:write')}</p>}
      <ErrorNotice error={instance.error ?? loaded.error} onReload={loaded.reload} />
      {loaded.data === undefined && loaded.error === undefined ? <p role="status">{en.app.loading}</p> : null}
      {loaded.data === undefined ? null : (
        <>
          <PublicAddress page={page} />
          <PageForm instanceId={instanceId} page={page} instanceName={name} mayWrite={mayWrite} onSaved={setSaved} onReload={loaded.reload} />
        </>
      )}
    </>
  );
}

function PublicAddress({ page }: { readonly page: PageView | undefined }) {
  return (
    <section class="card" aria-labelledby="public-url">
      <h2 id="public-url">{t.publicUrl}</h2>
      {page === undefined ? <p>{t.notSetUp}</p> : (
        <p class="public-url">
          {page.enabled ? t.isOn : t.isOff}{' '}
          <a href={page.url} target="_blank" rel="noopener" aria-label={t.opensPublicPage(page.url)}>{page.url}</a>
        </p>
      )}
    </section>
  );
}

interface FormProps {
  readonly instanceId: string;
  readonly page: PageView | undefined;
  readonly instanceName: string | undefined;
  readonly mayWrite: boolean;
  readonly onSaved: (page: PageView) => void;
  readonly onReload: () => void;
}

type Errors = Partial<Record<InputName, string>>;

function PageForm({ instanceId, page, instanceName, mayWrite, onSaved, onReload }: FormProps) {
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<unknown>();
  const [done, setDone] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(false);
    setProblem(undefined);
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const { body, errors: local } = bodyOf(form);
    setErrors(local);
    if (body === undefined) return;
    try {
      const next = unwrap(await api.PUT('/programInstances/{instanceId}/enrollment-page', { params: { path: { instanceId } }, body }));
      onSaved(next);
      setDone(true);
    } catch (error) {
      const beside = besideInputs(error);
      setErrors(beside.errors);
      setProblem(beside.rest);
    }
  };

  const field = (input: InputName, label: string, control: (describedBy: string | undefined, invalid: boolean) => ComponentChildren, help?: string) => (
    <Field input={input} label={label} error={errors[input]} help={help} control={control} />
  );
  const id = (input: InputName) => `ep-${input.replace('.', '-')}`;
  const text = (input: InputName, value: string | undefined, extra: Record<string, unknown> = {}) =>
    (describedBy: string | undefined, invalid: boolean) => (
      <input id={id(input)} name={input} defaultValue={value ?? ''} aria-describedby={describedBy} aria-invalid={invalid} {...extra} />
    );

  return (
    <section class="card" aria-labelledby="page-form">
      <h2 id="page-form">{t.form}</h2>
      {/* Keyed on the saved version, so a save shows what the server stored. */}
      <form class="stack" onSubmit={(event) => void submit(event)} key={page?.updatedAt ?? 'new'} noValidate>
        <fieldset disabled={!mayWrite} class="stack plain">
          <legend class="visually-hidden">{t.form}</legend>
          <Check input="enabled" label={t.enabled} checked={page?.enabled ?? false} error={errors.enabled} />
          {field('slug', t.slug, text('slug', page?.slug, { autocomplete: 'off', spellcheck: false }), t.slugHelp)}
          {field('name', t.name, text('name', page?.name ?? instanceName))}
          {field('logoUrl', t.logoUrl, text('logoUrl', page?.logoUrl, { type: 'url', inputMode: 'url' }))}
          {field('accentColour', t.accentColour, text('accentColour', page?.accentColour, { placeholder: '#0b6e4f', spellcheck: false }))}
          <fieldset class="stack">
            <legend>{t.fields}</legend>
            {ASKABLE.map((asked) => field(`fields.${asked}`, t.fieldNames[asked], (describedBy, invalid) => (
              <select id={id(`fields.${asked}`)} name={`fields.${asked}`} aria-describedby={describedBy} aria-invalid={invalid}>
                {/* `selected` on the option, not defaultValue on the select: Preact does not apply a select's defaultValue. */}
                {ASKED.map((value) => <option key={value} value={value} selected={value === (page?.fields?.[asked] ?? 'off')}>{t.asked[value]}</option>)}
              </select>
            )))}
          </fieldset>
          <fieldset class="stack">
            <legend>{t.terms}</legend>
            {field('terms.version', t.termsVersion, text('terms.version', page?.terms.version), t.termsVersionHelp)}
            {field('terms.text', t.termsText, (describedBy, invalid) => (
              <textarea id={id('terms.text')} name="terms.text" rows={6} defaultValue={page?.terms.text ?? ''} aria-describedby={describedBy} aria-invalid={invalid} />
            ))}
          </fieldset>
          {field('locales', t.locales, text('locales', (page?.locales ?? ['en']).join(', '), { spellcheck: false }))}
          {field('defaultLocale', t.defaultLocale, text('defaultLocale', page?.defaultLocale ?? 'en', { spellcheck: false }))}
          {field('supportEmail', t.supportEmail, text('supportEmail', page?.supportEmail, { type: 'email', autocomplete: 'off' }))}
          <Check input="leadCapture" label={t.leadCapture} checked={page?.leadCapture ?? false} error={errors.leadCapture} />
          {field('messages', t.messages, (describedBy, invalid) => (
            <textarea id={id('messages')} name="messages" rows={5} spellcheck={false} defaultValue={page?.messages === undefined ? '' : JSON.stringify(page.messages, null, 2)}
              aria-describedby={describedBy} aria-invalid={invalid} />
          ), t.messagesHelp)}
          {Object.keys(errors).length > 0 ? <p class="notice notice-error" role="alert">{t.fixFields}</p> : null}
          <p><button type="submit" class="primary">{t.save}</button></p>
        </fieldset>
      </form>
      <ErrorNotice error={problem} onReload={onReload} />
      {done ? <p class="notice notice-ok" role="status">{t.saved}</p> : null}
    </section>
  );
}

interface FieldProps {
  readonly input: InputName;
  readonly label: string;
  readonly error: string | undefined;
  readonly help?: string | undefined;
  readonly control: (describedBy: string | undefined, invalid: boolean) => ComponentChildren;
}

/** A labelled input with its help and, when the server refused it, the reason right below it (tied by aria-describedby). */
function Field({ input, label, error, help, control }: FieldProps) {
  const base = `ep-${input.replace('.', '-')}`;
  const describedBy = [help === undefined ? undefined : `${base}-help`, error === undefined ? undefined : `${base}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={base}>{label}</label>
      {control(describedBy, error !== undefined)}
      {help === undefined ? null : <p id={`${base}-help`} class="muted">{help}</p>}
      {error === undefined ? null : <p id={`${base}-error`} class="field-error">{error}</p>}
    </div>
  );
}

function Check({ input, label, checked, error }: { readonly input: InputName; readonly label: string; readonly checked: boolean; readonly error: string | undefined }) {
  const base = `ep-${input}`;
  return (
    <div class="field">
      <label class="inline">
        <input type="checkbox" name={input} defaultChecked={checked} aria-invalid={error !== undefined} aria-describedby={error === undefined ? undefined : `${base}-error`} />
        {label}
      </label>
      {error === undefined ? null : <p id={`${base}-error`} class="field-error">{error}</p>}
    </div>
  );
}

/** The body the form says, or the errors that keep it from being sent (only the JSON of the overrides is checked here: the server validates the rest). */
function bodyOf(form: FormData): { body?: PageBody; errors: Errors } {
  const optional = (name: InputName) => formText(form, name).trim() || undefined;
  let messages: PageBody['messages'];
  const messagesText = formText(form, 'messages').trim();
  if (messagesText !== '') {
    try {
      const parsed: unknown = JSON.parse(messagesText);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      messages = parsed as PageBody['messages'];
    } catch (error) {
      return { errors: { messages: t.messagesNotJson((error as Error).message) } };
    }
  }
  const fields: NonNullable<PageBody['fields']> = {};
  for (const asked of ASKABLE) {
    const value = formText(form, `fields.${asked}`) as Asked;
    if (value !== 'off') fields[asked] = value;
  }
  const body: PageBody = {
    enabled: form.get('enabled') === 'on',
    slug: formText(form, 'slug').trim(),
    name: formText(form, 'name').trim(),
    logoUrl: optional('logoUrl'),
    accentColour: optional('accentColour'),
    fields,
    terms: { version: formText(form, 'terms.version').trim(), text: formText(form, 'terms.text') },
    locales: formText(form, 'locales').split(',').map((locale) => locale.trim()).filter(Boolean),
    defaultLocale: formText(form, 'defaultLocale').trim(),
    supportEmail: optional('supportEmail'),
    leadCapture: form.get('leadCapture') === 'on',
    messages,
  };
  // Absent, not undefined: the body is JSON, and an optional field left empty is not sent.
  for (const key of Object.keys(body) as (keyof PageBody)[]) if (body[key] === undefined) delete body[key];
  return { body, errors: {} };
}

/** The API's refusal split into the reasons shown beside inputs and what is left for the form's notice. */
function besideInputs(error: unknown): { errors: Errors; rest: unknown } {
  if (!(error instanceof ApiProblem)) return { errors: {}, rest: error };
  if (error.code === 'enrollment_page_slug_taken') return { errors: { slug: t.slugTaken }, rest: undefined };
  const errors: Errors = {};
  let unplaced = false;
  for (const issue of error.details) {
    const input = inputOf(issue.field);
    if (input === undefined) {
      unplaced = true;
      continue;
    }
    const reason = [issue.field, issue.message ?? issue.rule].filter(Boolean).join(' ');
    errors[input] = errors[input] === undefined ? reason : `${errors[input]}; ${reason}`;
  }
  return { errors, rest: unplaced || Object.keys(errors).length === 0 ? error : undefined };
}
