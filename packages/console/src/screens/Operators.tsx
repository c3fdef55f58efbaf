import { useState } from 'preact/hooks';
import { unwrap } from '../api/ApiProblem';
import { api } from '../api/client';
import { ErrorNotice } from '../lib/ErrorNotice';
import { useInstanceChoice } from '../lib/InstancePicker';
import { Link } from '../lib/Link';
import type { Place } from '../lib/router';
import { can, useSession } from '../lib/session';
import { TableScroll } from '../lib/TableScroll';
import { Title } from '../lib/Title';
import { CustomerMailDeadLetters } from './CustomerMailDeadLetters';
import { useLoad } from '../lib/useLoad';
import { en } from '../messages/en';

const t = en.operators;

/** Rows read of each list; the operator's queue is meant to be near empty, and the list says when there are more. */
const PER_PAGE = 100;

/**
 * Operators, per program instance: the participations whose operator-side status drifted from Flexroll's state
 * (`GET …/drift`), the adapter outbox's dead letters (`GET …/adapter-outbox?status=dead`) with a retry each, and the
 * customer e-mail's ({@link CustomerMailDeadLetters}).
 */
export function Operators({ place }: { readonly place: Place }) {
  const { session } = useSession();
  const { instanceId, picker } = useInstanceChoice(place);
  const drift = useLoad(async () => instanceId === undefined ? undefined
    : unwrap(await api.GET('/programInstances/{instanceId}/drift', { params: { path: { instanceId }, query: { perPage: PER_PAGE } } })), [instanceId]);
  const dead = useLoad(async () => instanceId === undefined ? undefined
    : unwrap(await api.GET('/programInstances/{instanceId}/adapter-outbox', { params: { path: { instanceId }, query: { status: 'dead', perPage: PER_PAGE } } })), [instanceId]);
  const [error, setError] = useState<unknown>();
  const [retried, setRetried] = useState<string | undefined>();
  const mayRetry = can(session, 'program_instances:write');

  const retry = async (itemId: string) => {
    if (instanceId === undefined) return;
    setError(undefined);
    setRetried(undefined);
    try {
      unwrap(await api.POST('/programInstances/{instanceId}/adapter-outbox/{itemId}/retry', { params: { path: { instanceId, itemId } } }));
      setRetried(t.retried(itemId));
      dead.reload();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <>
      <Title text={t.title} />
      {picker}
      <section aria-labelledby="drift">
        <h2 id="drift">{t.drift}</h2>
        <p>{t.driftIntro}</p>
        <ErrorNotice error={drift.error} />
        {drift.data === undefined ? null : drift.data.data.length === 0 ? <p>{t.noDrift}</p> : (
          <TableScroll label={t.driftTable}>
            <table>
              <caption>{t.driftTable} ({drift.data.totalItems})</caption>
              <thead><tr><th scope="col">{t.participation}</th><th scope="col">{t.state}</th><th scope="col">{t.native}</th><th scope="col">{t.since}</th></tr></thead>
              <tbody>
                {drift.data.data.map((row) => (
                  <tr key={row.participationId}>
                    <th scope="row"><Link to={`/enrollments/${row.enrollmentId}`}>{row.participationId}</Link></th>
                    <td>{row.state}</td>
                    <td>{row.nativeStatuses.map((status) => `${status.name}=${status.value}`).join(', ')}</td>
                    <td><time dateTime={row.drift.since}>{new Date(row.drift.since).toLocaleString()}</time></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <section aria-labelledby="dead-letters">
        <h2 id="dead-letters">{t.deadLetters}</h2>
        <p>{t.deadIntro}</p>
        <ErrorNotice error={error ?? dead.error} />
        {retried === undefined ? null : <p class="notice notice-ok" role="status">{retried}</p>}
        {dead.data === undefined ? null : dead.data.data.length === 0 ? <p>{t.noDead}</p> : (
          <TableScroll label={t.deadTable}>
            <table>
              <caption>{t.deadTable} ({dead.data.totalItems})</caption>
              <thead><tr><th scope="col">{t.item}</th><th scope="col">{t.adapter}</th><th scope="col">{t.enrollment}</th><th scope="col" class="num">{t.attempts}</th><th scope="col">{t.lastError}</th><th scope="col">{t.retry}</th></tr></thead>
              <tbody>
                {dead.data.data.map((item) => (
                  <tr key={item.id}>
                    <th scope="row"><code>{item.id}</code></th>
                    <td>{item.adapterId}</td>
                    <td><Link to={`/enrollments/${item.enrollmentId}`}>{item.enrollmentId}</Link></td>
                    <td class="num">{item.attempts}/{item.attemptLimit}</td>
                    <td>{item.lastError ?? ''}</td>
                    <td><button type="button" disabled={!mayRetry} aria-label={t.retryItem(item.id)} onClick={() => void retry(item.id)}>{t.retry}</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <CustomerMailDeadLetters instanceId={instanceId} />
    </>
  );
}
