import { useEffect, useRef, useState } from 'preact/hooks';
import { unwrap } from '../api/ApiProblem';
import { api } from '../api/client';
import { SECRET_MASK, splitConfig, type InstanceChanges as Changes, type DryRunView, type EligibilityRules, type ProgramInstanceView } from '../api/programInstances';
import { ErrorNotice } from '../lib/ErrorNotice';
import { formText } from '../lib/forms';
import { Link } from '../lib/Link';
import { can, useSession } from '../lib/session';
import { TableScroll } from '../lib/TableScroll';
import { Title } from '../lib/Title';
import { useLoad } from '../lib/useLoad';
import { valueName } from '../lib/valueName';
import { en } from '../messages/en';

const t = en.instances;

/** How long typing must pause before the rules are checked against the server's schema. */
const CHECK_AFTER_MS = 500;

/**
 * One program instance: its settings, its adapter configuration (secrets write-only: shown as set, replaced through
 * a field of their own, never read back), and its eligibility rules, checked as they are typed and dry-run against
 * the last 100 candidates before they are saved as a new version.
 */
export function ProgramInstance({ instanceId }: { readonly instanceId: string }) {
  const { session } = useSession();
  const loaded = useLoad(async () => unwrap(await api.GET('/programInstances/{instanceId}', { params: { path: { instanceId } } })), [instanceId]);
  const [instance, setInstance] = useState<ProgramInstanceView | undefined>();
  useEffect(() => setInstance(loaded.data), [loaded.data]);
  const mayWrite = can(session, 'program_instances:write');
  if (instance === undefined) {
    return (
      <>
        <Title text={t.title} />
        <ErrorNotice error={loaded.error} />
        {loaded.error === undefined ? <p role="status">{en.app.loading}</p> : null}
      </>
    );
  }
  return (
    <>
      <Title text={t.detailTitle(instance.name)} />
      <p class="row"><Link to="/program-instances">{t.back}</Link><Link to={`/program-instances/${instance.id}/enrollment-page`}>{en.enrollmentPage.open}</Link></p>
      {mayWrite ? null : <p class="muted">{en.common.notAllowed('program_instances:write')}</p>}
      <Settings instance={instance} mayWrite={mayWrite} onSaved={setInstance} onReload={loaded.reload} />
      <AdapterConfig instance={instance} mayWrite={mayWrite} onSaved={setInstance} onReload={loaded.reload} />
      <RulesEditor instance={instance} mayWrite={mayWrite} onSaved={setInstance} onReload={loaded.reload} />
    </>
  );
}

interface PartProps {
  readonly instance: ProgramInstanceView;
  readonly mayWrite: boolean;
  readonly onSaved: (instance: ProgramInstanceView) => void;
  readonly onReload: () => void;
}

/** PATCH /programInstances/{id} (with If-Match from the read: see client.ts). */
async function save(instanceId: string, body: Changes): Promise<ProgramInstanceView> {
  return unwrap(await api.PATCH('/programInstances/{instanceId}', { params: { path: { instanceId } }, body }));
}

function useSaving(props: PartProps) {
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<string | undefined>();
  const run = async (body: Changes, message: (instance: ProgramInstanceView) => string = () => en.common.saved) => {
    setError(undefined);
    setSaved(undefined);
    try {
      const next = await save(props.instance.id, body);
      props.onSaved(next);
      setSaved(message(next));
    } catch (caught) {
      setError(caught);
    }
  };
  const notices = (
    <>
      <ErrorNotice error={error} onReload={props.onReload} />
      {saved === undefined ? null : <p class="notice notice-ok" role="status">{saved}</p>}
    </>
  );
  return { run, notices };
}

function Settings(props: PartProps) {
  const { instance, mayWrite } = props;
  const { run, notices } = useSaving(props);
  const submit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    void run({
      name: formText(form, 'name').trim(),
      meterAccessRequired: form.get('meterAccessRequired') === 'on',
      noticePeriodDays: Number(formText(form, 'noticePeriodDays')),
      telemetryStalenessHours: Number(formText(form, 'telemetryStalenessHours')),
    });
  };
  return (
    <section class="card" aria-labelledby="settings">
      <h2 id="settings">{t.settings}</h2>
      <form class="stack" onSubmit={submit}>
        <fieldset disabled={!mayWrite} class="stack plain">
          <legend class="visually-hidden">{t.settings}</legend>
          <label>{t.name}<input name="name" required maxLength={200} defaultValue={instance.name} /></label>
          <label class="inline"><input type="checkbox" name="meterAccessRequired" defaultChecked={instance.meterAccessRequired} />{t.meterAccessRequired}</label>
          <label>{t.noticePeriodDays}<input name="noticePeriodDays" type="number" min={0} step={1} required defaultValue={String(instance.noticePeriodDays)} /></label>
          <label>{t.telemetryStalenessHours}<input name="telemetryStalenessHours" type="number" min={1} step={1} required defaultValue={String(instance.telemetryStalenessHours)} /></label>
          <p><button type="submit" class="primary">{en.common.save}</button></p>
        </fieldset>
      </form>
      {notices}
    </section>
  );
}

function AdapterConfig(props: PartProps) {
  const { instance, mayWrite } = props;
  const { plain, secrets } = splitConfig(instance.adapter.config);
  const { run, notices } = useSaving(props);
  const [invalid, setInvalid] = useState(false);
  const submit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    let config: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(formText(form, 'config') || '{}');
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      config = parsed as Record<string, unknown>;
    } catch {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    // A secret left empty goes back as the mask: the server keeps the stored value.
    for (const field of secrets) config[field] = formText(form, `secret:${field}`) || SECRET_MASK;
    const added = formText(form, 'newSecretField').trim();
    if (added !== '') config[added] = formText(form, 'newSecretValue');
    void run({ adapter: { adapterId: formText(form, 'adapterId').trim(), config } });
  };
  return (
    <section class="card" aria-labelledby="adapter">
      <h2 id="adapter">{t.adapterSection}</h2>
      {/* Keyed on the saved version, so a save shows the stored (masked) config and empties the secret fields. */}
      <form class="stack" onSubmit={submit} key={instance.updatedAt}>
        <fieldset disabled={!mayWrite} class="stack plain">
          <legend class="visually-hidden">{t.adapterSection}</legend>
          <label>{t.adapterId}<input name="adapterId" required pattern="[a-z][a-z0-9\-]{1,62}" defaultValue={instance.adapter.adapterId} /></label>
          <label>{t.config}<textarea name="config" rows={6} spellcheck={false} defaultValue={JSON.stringify(plain, null, 2)} /></label>
          {invalid ? <p class="notice notice-error" role="alert">{t.configInvalid}</p> : null}
          <fieldset class="stack">
            <legend>{t.secrets}</legend>
            {secrets.length === 0 ? <p class="muted">{en.common.none}</p> : secrets.map((field) => (
              <div key={field}>
                <p><code>{field}</code>: {t.secretSet}</p>
                <label>{t.replaceSecret(field)}<input type="password" name={`secret:${field}`} autocomplete="new-password" /></label>
              </div>
            ))}
            <label>{t.newSecret}<input name="newSecretField" autocomplete="off" /></label>
            <label>{t.newSecretValue}<input type="password" name="newSecretValue" autocomplete="new-password" /></label>
          </fieldset>
          <p><button type="submit" class="primary">{en.common.save}</button></p>
        </fieldset>
      </form>
      {notices}
    </section>
  );
}

type Check =
  | { readonly kind: 'idle' }
  | { readonly kind: 'checking' }
  | { readonly kind: 'notJson'; readonly message: string }
  | { readonly kind: 'invalid'; readonly error: unknown }
  | { readonly kind: 'valid'; readonly rules: EligibilityRules; readonly result: DryRunView };

/**
 * The rules as JSON, checked while the member types: the text must parse, then the server validates it against its
 * rules schema by dry-running it (`POST …/eligibility-rules/dry-run` answers 400 with the field and rule of each
 * error, which is shown as it comes). The dry run's outcome for the last 100 candidates is shown on request.
 */
function RulesEditor(props: PartProps) {
  const { instance, mayWrite } = props;
  const [text, setText] = useState(() => JSON.stringify(instance.eligibilityRules ?? {}, null, 2));
  const [check, setCheck] = useState<Check>({ kind: 'idle' });
  const [showResults, setShowResults] = useState(false);
  const { run, notices } = useSaving(props);
  const round = useRef(0);

  useEffect(() => {
    if (!mayWrite) return;
    let rules: EligibilityRules;
    try {
      rules = JSON.parse(text) as EligibilityRules;
    } catch (error) {
      setCheck({ kind: 'notJson', message: (error as Error).message });
      return;
    }
    const mine = ++round.current;
    setCheck({ kind: 'checking' });
    const timer = setTimeout(() => {
      api.POST('/programInstances/{instanceId}/eligibility-rules/dry-run', { params: { path: { instanceId: instance.id } }, body: { eligibilityRules: rules } })
        .then((answer) => unwrap(answer))
        .then(
          (result) => mine === round.current && setCheck({ kind: 'valid', rules, result }),
          (error: unknown) => mine === round.current && setCheck({ kind: 'invalid', error }),
        );
    }, CHECK_AFTER_MS);
    return () => clearTimeout(timer);
  }, [text, mayWrite, instance.id]);

  const result = check.kind === 'valid' ? check.result : undefined;
  return (
    <section class="card stack" aria-labelledby="rules">
      <h2 id="rules">{t.rules}</h2>
      <p>{instance.eligibilityRulesVersion === undefined ? t.noRules : t.currentVersion(instance.eligibilityRulesVersion)}</p>
      <label>
        {t.rulesEditor}
        <textarea rows={12} spellcheck={false} value={text} readOnly={!mayWrite} aria-describedby="rules-help rules-check" onInput={(event) => setText(event.currentTarget.value)} />
      </label>
      <p id="rules-help" class="muted">{t.rulesHelp}</p>
      <div id="rules-check" aria-live="polite">
        {check.kind === 'checking' ? <p>{t.rulesChecking}</p>
          : check.kind === 'notJson' ? <p class="notice notice-error">{t.rulesNotJson(check.message)}</p>
            : check.kind === 'invalid' ? <div class="notice notice-error"><p>{t.rulesInvalid}</p><ErrorNotice error={check.error} /></div>
              : check.kind === 'valid' ? <p class="notice notice-ok">{t.rulesValid} {t.dryRunResult(check.result.evaluated, check.result.eligible, check.result.ineligible)}</p>
                : null}
      </div>
      {mayWrite ? (
        <p class="row">
          <button type="button" disabled={result === undefined} onClick={() => setShowResults(true)}>{t.dryRun}</button>
          <button type="button" class="primary" disabled={check.kind !== 'valid'}
            onClick={() => check.kind === 'valid' && void run({ eligibilityRules: check.rules }, (next) => t.rulesSaved(next.eligibilityRulesVersion ?? 0))}>{t.saveRules}</button>
        </p>
      ) : null}
      {notices}
      {showResults && result !== undefined ? (
        <TableScroll label={t.dryRunTable}>
          <table>
            <caption>{t.dryRunTable}</caption>
            <thead><tr><th scope="col">{t.enrollment}</th><th scope="col">{t.statusNow}</th><th scope="col">{t.wouldBe}</th><th scope="col">{t.reason}</th></tr></thead>
            <tbody>
              {result.results.map((row) => (
                <tr key={row.enrollmentId}>
                  <th scope="row"><Link to={`/enrollments/${row.enrollmentId}`}>{row.referenceId ?? row.enrollmentId}</Link></th>
                  <td>{valueName(row.status)}</td>
                  <td>{row.eligible ? t.eligible : t.ineligible}</td>
                  <td>{row.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </section>
  );
}
