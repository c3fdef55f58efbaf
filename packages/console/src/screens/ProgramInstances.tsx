import { useState } from 'preact/hooks';
import { unwrap } from '../api/ApiProblem';
import { api } from '../api/client';
import { ErrorNotice } from '../lib/ErrorNotice';
import { formText } from '../lib/forms';
import { Link } from '../lib/Link';
import { navigate } from '../lib/router';
import { can, useSession } from '../lib/session';
import { TableScroll } from '../lib/TableScroll';
import { Title } from '../lib/Title';
import { useLoad } from '../lib/useLoad';
import { en } from '../messages/en';

const t = en.instances;

/** Program instances: the workspace's list, and a form that creates one (then opens it to edit its settings). */
export function ProgramInstances() {
  const { session } = useSession();
  const instances = useLoad(async () => unwrap(await api.GET('/programInstances', { params: { query: { perPage: 100 } } })).data, []);
  const programs = useLoad(async () => unwrap(await api.GET('/programs', { params: { query: { perPage: 100 } } })).data, []);
  const [error, setError] = useState<unknown>();

  const create = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setError(undefined);
    try {
      const created = unwrap(await api.POST('/programInstances', { body: { programId: formText(form, 'programId').trim(), name: formText(form, 'name').trim() } }));
      navigate(`/program-instances/${created.id}`);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <>
      <Title text={t.title} />
      <ErrorNotice error={instances.error} />
      {instances.data === undefined ? <p role="status">{en.app.loading}</p> : instances.data.length === 0 ? <p>{en.common.noInstances}</p> : (
        <TableScroll label={t.table}>
          <table>
            <caption>{t.table}</caption>
            <thead><tr><th scope="col">{t.name}</th><th scope="col">{t.program}</th><th scope="col">{t.adapter}</th><th scope="col" class="num">{t.rulesVersion}</th></tr></thead>
            <tbody>
              {instances.data.map((instance) => (
                <tr key={instance.id}>
                  <th scope="row"><Link to={`/program-instances/${instance.id}`}>{instance.name}</Link></th>
                  <td><code>{instance.programId}</code></td>
                  <td>{instance.adapter.adapterId}</td>
                  <td class="num">{instance.eligibilityRulesVersion ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {can(session, 'program_instances:write') ? (
        <section class="card" aria-labelledby="create-instance">
          <h2 id="create-instance">{t.create}</h2>
          <form class="stack" onSubmit={(event) => void create(event)}>
            <label>{t.name}<input name="name" required maxLength={200} autocomplete="off" /></label>
            <label>
              {t.program}
              <select name="programId" aria-label={t.program} required>
                {(programs.data ?? []).map((program) => <option key={program.id} value={program.id}>{program.name} ({program.id})</option>)}
              </select>
            </label>
            <ErrorNotice error={programs.error} />
            <p><button type="submit" class="primary">{en.common.create}</button></p>
            <ErrorNotice error={error} />
          </form>
        </section>
      ) : null}
    </>
  );
}
