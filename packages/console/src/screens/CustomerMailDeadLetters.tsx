import { useState } from 'preact/hooks';
import { unwrap } from '../api/ApiProblem';
import { api } from '../api/client';
import { ErrorNotice } from '../lib/ErrorNotice';
import { Link } from '../lib/Link';
import { can, useSession } from '../lib/session';
import { TableScroll } from '../lib/TableScroll';
import { useLoad } from '../lib/useLoad';
import { en } from '../messages/en';

const t = en.operators;
const PER_PAGE = 100;

/**
 * The e-mails to an instance's self-enrolled customers that were given up after every attempt
 * (`GET …/customer-mail?status=dead`), with a retry each, beside the adapter outbox's. The recipient is shown as the
 * API gives it, masked. Read with `enrollments:read`, retried with `enrollments:write`: the mails are the enrollments'.
 */
export function CustomerMailDeadLetters({ instanceId }: { readonly instanceId: string | undefined }) {
  const { session } = useSession();
  const mayRead = can(session, 'enrollments:read');
  const dead = useLoad(async () => instanceId === undefined || !mayRead ? undefined
    : unwrap(await api.GET('/programInstances/{instanceId}/customer-mail', { params: { path: { instanceId }, query: { status: 'dead', perPage: PER_PAGE } } })), [instanceId, mayRead]);
  const [error, setError] = useState<unknown>();
  const [retried, setRetried] = useState<string | undefined>();
  const mayRetry = can(session, 'enrollments:write');

  const retry = async (mailId: string) => {
    if (instanceId === undefined) return;
    setError(undefined);
    setRetried(undefined);
    try {
      unwrap(await api.POST('/programInstances/{instanceId}/customer-mail/{mailId}/retry', { params: { path: { instanceId, mailId } } }));
      setRetried(t.retried(mailId));
      dead.reload();
    } catch (caught) {
      setError(caught);
    }
  };

  if (!mayRead) return null;
  return (
    <section aria-labelledby="customer-mail">
      <h2 id="customer-mail">{t.mailDeadLetters}</h2>
      <p>{t.mailDeadIntro}</p>
      <ErrorNotice error={error ?? dead.error} />
      {retried === undefined ? null : <p class="notice notice-ok" role="status">{retried}</p>}
      {dead.data === undefined ? null : dead.data.data.length === 0 ? <p>{t.noMailDead}</p> : (
        <TableScroll label={t.mailDeadTable}>
          <table>
            <caption>{t.mailDeadTable} ({dead.data.totalItems})</caption>
            <thead><tr><th scope="col">{t.item}</th><th scope="col">{t.mailKind}</th><th scope="col">{t.enrollment}</th><th scope="col">{t.recipient}</th><th scope="col" class="num">{t.attempts}</th><th scope="col">{t.lastError}</th><th scope="col">{t.retry}</th></tr></thead>
            <tbody>
              {dead.data.data.map((mail) => (
                <tr key={mail.id}>
                  <th scope="row"><code>{mail.id}</code></th>
                  <td>{mail.kind === 'status_link' ? t.statusLinkMail : t.stateMail(mail.state ?? '')}</td>
                  <td><Link to={`/enrollments/${mail.enrollmentId}`}>{mail.enrollmentId}</Link></td>
                  <td>{mail.recipient ?? ''}</td>
                  <td class="num">{mail.attempts}/{mail.attemptLimit}</td>
                  <td>{mail.lastError ?? ''}</td>
                  <td><button type="button" disabled={!mayRetry} aria-label={t.retryItem(mail.id)} onClick={() => void retry(mail.id)}>{t.retry}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
