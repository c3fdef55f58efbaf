import { useEffect, useState } from 'preact/hooks';
import { unwrap } from '../api/ApiProblem';
import { api } from '../api/client';
import { loadCatalogue, type AttemptView, type EndpointView, type EventTypeName, type MessageView } from '../api/webhooks';
import { ErrorNotice } from '../lib/ErrorNotice';
import { formText } from '../lib/forms';
import { Link } from '../lib/Link';
import { navigate, type Place } from '../lib/router';
import { SecretOnce } from '../lib/SecretOnce';
import { can, useSession } from '../lib/session';
import { TableScroll } from '../lib/TableScroll';
import { Title } from '../lib/Title';
import { useLoad } from '../lib/useLoad';
import { en } from '../messages/en';
import { EventTypeChoice } from './Webhooks';

const t = en.webhooks;

/** Messages read per page of the delivery log. */
const MESSAGES_PER_PAGE = 25;
/** The type of the event `POST …/test` sends. */
const TEST_TYPE = 'webhook.test';
/** The delivery log's filters, as the URL's query names them (the API's own names). */
const FILTERS = ['enrollmentId', 'type', 'state', 'createdFrom', 'createdTo'] as const;

/** The types a message can have: the catalogue's, and the test event's (which only a test sends). */
function typesOf(catalogue: readonly { readonly type: string }[]): string[] {
  const types = catalogue.map((entry) => entry.type);
  return types.includes(TEST_TYPE) ? types : [...types, TEST_TYPE];
}

/** A `datetime-local` value (the member's local time) as the API's ISO instant, or undefined when empty. */
function isoOf(local: string): string | undefined {
  return local === '' ? undefined : new Date(local).toISOString();
}

/** An ISO instant as a `datetime-local` value in the member's time zone. */
function localOf(iso: string | null): string {
  if (iso === null) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/**
 * One webhook endpoint, as Svix's portal shows it: edit, disable or enable, delete, rotate its secret (the new one
 * shown once), send a test event; and its delivery log (filtered by enrollment, type, state and time, the filters in
 * the URL) with each message's attempts, replay of one message, and replay of every failed message since a time.
 */
export function WebhookEndpoint({ endpointId, place }: { readonly endpointId: string; readonly place: Place }) {
  const { session } = useSession();
  if (!can(session, 'webhooks:manage')) return <><Title text={t.title} /><p class="muted">{en.common.notAllowed('webhooks:manage')}</p></>;
  return <ManagedEndpoint endpointId={endpointId} place={place} />;
}

function ManagedEndpoint({ endpointId, place }: { readonly endpointId: string; readonly place: Place }) {
  const loaded = useLoad(async () => unwrap(await api.GET('/webhook-endpoints/{endpointId}', { params: { path: { endpointId } } })), [endpointId]);
  const catalogue = useLoad(loadCatalogue, []);
  const [endpoint, setEndpoint] = useState<EndpointView | undefined>();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string | undefined>();
  const [secret, setSecret] = useState<string | undefined>();
  const [logRound, setLogRound] = useState(0);
  useEffect(() => setEndpoint(loaded.data), [loaded.data]);

  const act = async (action: () => Promise<string | undefined>) => {
    setError(undefined);
    setNotice(undefined);
    try {
      setNotice(await action());
    } catch (caught) {
      setError(caught);
    }
  };
  const path = { params: { path: { endpointId } } };

  if (endpoint === undefined) {
    return <><Title text={t.title} /><ErrorNotice error={loaded.error} />{loaded.error === undefined ? <p role="status">{en.app.loading}</p> : null}</>;
  }

  const save = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const description = formText(form, 'description').trim();
    void act(async () => {
      setEndpoint(unwrap(await api.PATCH('/webhook-endpoints/{endpointId}', { ...path, body: { url: formText(form, 'url').trim(), eventTypes: form.getAll('eventTypes') as EventTypeName[], description: description === '' ? null : description } })));
      return en.common.saved;
    });
  };
  const disabled = endpoint.status === 'disabled';

  return (
    <>
      <Title text={t.endpointTitle(endpoint.url)} />
      <p><Link to="/webhooks">{t.back}</Link></p>
      <p>{disabled ? t.disabledReason(endpoint.disabledReason ?? 'manual') : endpoint.status}</p>
      <div class="row">
        <button type="button" onClick={() => void act(async () => {
          setEndpoint(unwrap(await api.PATCH('/webhook-endpoints/{endpointId}', { ...path, body: { disabled: !disabled } })));
          return en.common.saved;
        })}>{disabled ? t.enable : t.disable}</button>
        <button type="button" onClick={() => void act(async () => {
          unwrap(await api.POST('/webhook-endpoints/{endpointId}/test', path));
          setLogRound((round) => round + 1);
          return t.testSent;
        })}>{t.test}</button>
        <button type="button" onClick={() => void act(async () => {
          if (!confirm(t.rotateConfirm)) return undefined;
          const rotated = unwrap(await api.POST('/webhook-endpoints/{endpointId}/rotate-secret', path));
          setSecret(rotated.secret);
          return undefined;
        })}>{t.rotate}</button>
        <button type="button" class="danger" onClick={() => void act(async () => {
          if (!confirm(en.common.confirmDelete(endpoint.url))) return undefined;
          unwrap(await api.DELETE('/webhook-endpoints/{endpointId}', path));
          navigate('/webhooks');
          return undefined;
        })}>{t.deleteEndpoint}</button>
      </div>
      <ErrorNotice error={error} onReload={loaded.reload} />
      {notice === undefined ? null : <p class="notice notice-ok" role="status">{notice}</p>}
      {secret === undefined ? null : <SecretOnce label={t.rotated} value={secret} />}
      <details class="card">
        <summary>{t.edit}</summary>
        <form class="stack" onSubmit={save} key={endpoint.updatedAt}>
          <label>{t.url}<input name="url" type="url" required maxLength={2048} defaultValue={endpoint.url} /></label>
          <label>{t.description}<input name="description" maxLength={500} defaultValue={endpoint.description ?? ''} /></label>
          <EventTypeChoice catalogue={catalogue.data} chosen={endpoint.eventTypes} />
          <p><button type="submit" class="primary">{en.common.save}</button></p>
        </form>
      </details>
      <DeliveryLog endpointId={endpointId} place={place} types={typesOf(catalogue.data ?? [])} round={logRound} />
    </>
  );
}

function DeliveryLog({ endpointId, place, types, round }: { readonly endpointId: string; readonly place: Place; readonly types: readonly string[]; readonly round: number }) {
  const filters = Object.fromEntries(FILTERS.flatMap((name) => place.query.get(name) === null ? [] : [[name, place.query.get(name)!]])) as Partial<Record<(typeof FILTERS)[number], string>>;
  const [messages, setMessages] = useState<MessageView[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [replayNotice, setReplayNotice] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const key = JSON.stringify(filters);
  // The selects hold what the member picked until the filters are applied: a re-render (a replay reloading the log)
  // must not put them back to the URL's values (Preact has no defaultValue for a select).
  const [picked, setPicked] = useState({ type: filters.type ?? '', state: filters.state ?? '' });
  useEffect(() => setPicked({ type: filters.type ?? '', state: filters.state ?? '' }), [key]);

  const read = async (after?: string) => {
    const answer = unwrap(await api.GET('/webhook-endpoints/{endpointId}/messages', {
      params: { path: { endpointId }, query: { limit: MESSAGES_PER_PAGE, ...(after === undefined ? {} : { after }), ...(filters as Record<string, string>) } },
    }));
    return answer as { data: MessageView[]; nextCursor?: string | null };
  };
  const first = useLoad(() => read(), [endpointId, key, round]);
  useEffect(() => {
    if (first.data === undefined) return;
    setMessages(first.data.data);
    setCursor(first.data.nextCursor ?? undefined);
  }, [first.data]);

  const applyFilters = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const query = new URLSearchParams();
    for (const name of FILTERS) {
      const raw = formText(form, name).trim();
      const value = name === 'createdFrom' || name === 'createdTo' ? isoOf(raw) : raw;
      if (value !== undefined && value !== '') query.set(name, value);
    }
    navigate(`/webhooks/${endpointId}${query.size > 0 ? `?${query}` : ''}`);
  };
  const replayFailed = async (event: Event) => {
    event.preventDefault();
    const since = isoOf(formText(new FormData(event.currentTarget as HTMLFormElement), 'since'));
    if (since === undefined) return;
    setError(undefined);
    try {
      const answer = unwrap(await api.POST('/webhook-endpoints/{endpointId}/replay-failed', { params: { path: { endpointId } }, body: { since } }));
      setReplayNotice(t.replayFailedDone(answer.replayed));
      first.reload();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <section aria-labelledby="delivery-log">
      <h2 id="delivery-log">{t.log}</h2>
      <form class="filters card" onSubmit={applyFilters} aria-label={t.filters} key={key}>
        <label>{t.enrollmentId}<input name="enrollmentId" defaultValue={filters.enrollmentId ?? ''} autocomplete="off" /></label>
        <label>{t.type}
          <select name="type" aria-label={t.type} value={picked.type} onChange={(event) => setPicked({ ...picked, type: event.currentTarget.value })}>
            <option value="">{t.anyType}</option>
            {types.map((type) => <option key={type} value={type}>{type}</option>)}
          </select>
        </label>
        <label>{t.state}
          <select name="state" aria-label={t.state} value={picked.state} onChange={(event) => setPicked({ ...picked, state: event.currentTarget.value })}>
            <option value="">{t.anyState}</option>
            {['pending', 'delivered', 'failed'].map((state) => <option key={state} value={state}>{state}</option>)}
          </select>
        </label>
        <label>{t.from}<input type="datetime-local" name="createdFrom" defaultValue={localOf(filters.createdFrom ?? null)} /></label>
        <label>{t.to}<input type="datetime-local" name="createdTo" defaultValue={localOf(filters.createdTo ?? null)} /></label>
        <p><button type="submit">{t.apply}</button></p>
      </form>
      <form class="row card" onSubmit={(event) => void replayFailed(event)}>
        <label>{t.replayFailed}<input type="datetime-local" name="since" required /></label>
        <p><button type="submit">{t.replayFailedSubmit}</button></p>
      </form>
      {replayNotice === undefined ? null : <p class="notice notice-ok" role="status">{replayNotice}</p>}
      <ErrorNotice error={error ?? first.error} />
      {first.data === undefined ? <p role="status">{en.app.loading}</p> : messages.length === 0 ? <p>{t.noMessages}</p> : (
        <TableScroll label={t.messagesTable}>
          <table>
            <caption>{t.messagesTable}</caption>
            <thead><tr><th scope="col">{t.message}</th><th scope="col">{t.type}</th><th scope="col">{t.state}</th><th scope="col" class="num">{t.attempts}</th><th scope="col">{t.lastCode}</th><th scope="col">{t.created}</th><th scope="col">{t.replay}</th></tr></thead>
            <tbody>
              {messages.map((message) => <MessageRow key={message.id} endpointId={endpointId} message={message} onReplayed={first.reload} />)}
            </tbody>
          </table>
        </TableScroll>
      )}
      {cursor === undefined ? null : (
        <p><button type="button" onClick={() => void read(cursor).then((page) => {
          setMessages((shown) => [...shown, ...page.data]);
          setCursor(page.nextCursor ?? undefined);
        }, setError)}>{t.more}</button></p>
      )}
    </section>
  );
}

function MessageRow({ endpointId, message, onReplayed }: { readonly endpointId: string; readonly message: MessageView; readonly onReplayed: () => void }) {
  const [attempts, setAttempts] = useState<AttemptView[] | undefined>();
  const [error, setError] = useState<unknown>();
  const [replayed, setReplayed] = useState(false);
  const params = { params: { path: { endpointId, messageId: message.id } } };
  return (
    <>
      <tr>
        <th scope="row">
          <button type="button" class="link-button" aria-expanded={attempts !== undefined} aria-label={t.showAttempts(message.id)}
            onClick={() => attempts !== undefined ? setAttempts(undefined)
              : void api.GET('/webhook-endpoints/{endpointId}/messages/{messageId}/attempts', params).then((answer) => setAttempts(unwrap(answer).data), setError)}>
            <code>{message.id}</code>
          </button>
          {message.enrollmentId === null ? null : <> · <Link to={`/enrollments/${message.enrollmentId}`}>{message.enrollmentId}</Link></>}
        </th>
        <td><code>{message.type}</code></td>
        <td>{message.state}</td>
        <td class="num">{message.totalAttempts}</td>
        <td>{message.lastStatusCode ?? '—'}</td>
        <td><time dateTime={message.createdAt}>{new Date(message.createdAt).toLocaleString()}</time></td>
        <td>
          <button type="button" aria-label={t.replayOne(message.id)} onClick={() => void api.POST('/webhook-endpoints/{endpointId}/messages/{messageId}/replay', params).then((answer) => {
            unwrap(answer);
            setReplayed(true);
            onReplayed();
          }).catch(setError)}>{t.replay}</button>
          {replayed ? <span role="status"> {t.replayed}</span> : null}
        </td>
      </tr>
      {error === undefined && attempts === undefined ? null : (
        <tr>
          <td colSpan={7}>
            <ErrorNotice error={error} />
            {attempts === undefined ? null : (
              <table>
                <caption>{t.attemptsTable(message.id)}</caption>
                <thead><tr><th scope="col" class="num">{t.attempt}</th><th scope="col" class="num">{t.series}</th><th scope="col">{t.outcome}</th><th scope="col">{t.statusCode}</th><th scope="col" class="num">{t.latency}</th><th scope="col">{t.started}</th></tr></thead>
                <tbody>
                  {attempts.map((attempt) => (
                    <tr key={attempt.id}>
                      <th scope="row" class="num">{attempt.attempt}</th>
                      <td class="num">{attempt.series}</td>
                      <td>{attempt.outcome ?? '—'}{attempt.error === undefined ? '' : `: ${attempt.error}`}</td>
                      <td>{attempt.statusCode ?? '—'}</td>
                      <td class="num">{attempt.latencyMs ?? '—'}</td>
                      <td><time dateTime={attempt.startedAt}>{new Date(attempt.startedAt).toLocaleString()}</time></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </td>
        </tr>
      )}
    </>
  );
}
