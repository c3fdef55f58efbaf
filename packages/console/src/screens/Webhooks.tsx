import { useState } from 'preact/hooks';
import { unwrap } from '../api/ApiProblem';
import { api } from '../api/client';
import { loadCatalogue, type CatalogueEntry, type EventTypeName } from '../api/webhooks';
import { ErrorNotice } from '../lib/ErrorNotice';
import { formText } from '../lib/forms';
import { Link } from '../lib/Link';
import { SecretOnce } from '../lib/SecretOnce';
import { can, useSession } from '../lib/session';
import { TableScroll } from '../lib/TableScroll';
import { Title } from '../lib/Title';
import { useLoad } from '../lib/useLoad';
import { en } from '../messages/en';

const t = en.webhooks;

/** Webhooks: the endpoints (and a form adding one, whose signing secret is shown once), and the event catalogue. */
export function Webhooks() {
  const { session } = useSession();
  if (!can(session, 'webhooks:manage')) return <><Title text={t.title} /><p class="muted">{en.common.notAllowed('webhooks:manage')}</p></>;
  return <WebhooksManaged />;
}

/** The screen for a member whose role manages webhooks (every route it calls needs `webhooks:manage`). */
function WebhooksManaged() {
  const endpoints = useLoad(async () => unwrap(await api.GET('/webhook-endpoints', { params: { query: { perPage: 100 } } })).data, []);
  const catalogue = useLoad(loadCatalogue, []);
  const [error, setError] = useState<unknown>();
  const [secret, setSecret] = useState<string | undefined>();

  const create = async (event: Event) => {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    setError(undefined);
    setSecret(undefined);
    try {
      const description = formText(form, 'description').trim();
      const created = unwrap(await api.POST('/webhook-endpoints', {
        body: { url: formText(form, 'url').trim(), eventTypes: form.getAll('eventTypes') as EventTypeName[], ...(description === '' ? {} : { description }) },
      }));
      setSecret(created.secret);
      formElement.reset();
      endpoints.reload();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <>
      <Title text={t.title} />
      <section aria-labelledby="endpoints">
        <h2 id="endpoints">{t.endpoints}</h2>
        <ErrorNotice error={endpoints.error} />
        {endpoints.data === undefined ? <p role="status">{en.app.loading}</p> : endpoints.data.length === 0 ? <p>{en.common.none}</p> : (
          <TableScroll label={t.endpointsTable}>
            <table>
              <caption>{t.endpointsTable}</caption>
              <thead><tr><th scope="col">{t.url}</th><th scope="col">{t.status}</th><th scope="col">{t.eventTypes}</th><th scope="col">{t.description}</th></tr></thead>
              <tbody>
                {endpoints.data.map((endpoint) => (
                  <tr key={endpoint.id}>
                    <th scope="row"><Link to={`/webhooks/${endpoint.id}`}>{endpoint.url}</Link></th>
                    <td>{endpoint.status === 'enabled' ? endpoint.status : t.disabledReason(endpoint.disabledReason ?? 'manual')}</td>
                    <td>{endpoint.eventTypes.join(', ')}</td>
                    <td>{endpoint.description ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <section class="card" aria-labelledby="add-endpoint">
        <h2 id="add-endpoint">{t.create}</h2>
        <form class="stack" onSubmit={(event) => void create(event)}>
          <label>{t.url}<input name="url" type="url" required maxLength={2048} autocomplete="off" /></label>
          <label>{t.description}<input name="description" maxLength={500} autocomplete="off" /></label>
          <EventTypeChoice catalogue={catalogue.data} chosen={['*']} />
          <p><button type="submit" class="primary">{t.createSubmit}</button></p>
        </form>
        <ErrorNotice error={error} />
        {secret === undefined ? null : <SecretOnce label={t.secretShown} value={secret} />}
      </section>
      <Catalogue entries={catalogue.data} error={catalogue.error} />
    </>
  );
}

/** The event types an endpoint receives: every type (`*`), or those ticked. */
export function EventTypeChoice({ catalogue, chosen }: { readonly catalogue: readonly CatalogueEntry[] | undefined; readonly chosen: readonly string[] }) {
  const types = ['*', ...(catalogue ?? []).map((entry) => entry.type).filter((type) => type !== 'webhook.test')];
  return (
    <fieldset class="stack">
      <legend>{t.eventTypesHelp}</legend>
      {types.map((type) => (
        <label class="inline" key={type}>
          <input type="checkbox" name="eventTypes" value={type} defaultChecked={chosen.includes(type)} />
          <code>{type}</code>
        </label>
      ))}
    </fieldset>
  );
}

/** The event catalogue: each type with its summary, payload schema and an example. */
function Catalogue({ entries, error }: { readonly entries: readonly CatalogueEntry[] | undefined; readonly error: unknown }) {
  return (
    <section aria-labelledby="catalogue">
      <h2 id="catalogue">{t.catalogue}</h2>
      <p>{t.catalogueIntro}</p>
      <ErrorNotice error={error} />
      {(entries ?? []).map((entry) => (
        <details key={entry.type} class="card">
          <summary><code>{entry.type}</code>{entry.summary === '' || entry.summary === entry.type ? null : ` — ${entry.summary}`}</summary>
          <h3>{t.schema}</h3>
          <pre tabIndex={0} aria-label={`${t.schema}: ${entry.type}`}>{JSON.stringify(entry.schema, null, 2)}</pre>
          <h3>{t.example}</h3>
          {entry.example === undefined ? <p>{t.noExample}</p> : <pre tabIndex={0} aria-label={`${t.example}: ${entry.type}`}>{JSON.stringify(entry.example, null, 2)}</pre>}
        </details>
      ))}
    </section>
  );
}
