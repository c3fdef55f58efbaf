import { api } from '../api/client';
import { unwrap } from '../api/ApiProblem';
import { dropOff, instanceOverview, STATUSES, WAITING_ON, webhookHealth } from '../api/overview';
import { ErrorNotice } from '../lib/ErrorNotice';
import { can, useSession } from '../lib/session';
import { Link } from '../lib/Link';
import { TableScroll } from '../lib/TableScroll';
import { Title } from '../lib/Title';
import { useLoad } from '../lib/useLoad';
import { valueName } from '../lib/valueName';
import { en } from '../messages/en';

const t = en.home;

/** Home: per program instance, its enrollments by status, the drop-off between steps and its deadlines; webhook health. */
export function Home() {
  const instances = useLoad(async () => unwrap(await api.GET('/programInstances', { params: { query: { perPage: 100 } } })).data, []);
  const { session } = useSession();
  // Webhook endpoints are an admin's (webhooks:manage); other roles see the programme counts only.
  const showHealth = can(session, 'webhooks:manage');
  const health = useLoad(async () => showHealth ? webhookHealth() : undefined, [showHealth]);
  return (
    <>
      <Title text={t.title} />
      {!showHealth ? null : <section class="card" aria-labelledby="webhook-health">
        <h2 id="webhook-health">{t.webhooks}</h2>
        <ErrorNotice error={health.error} />
        {health.data === undefined ? <p role="status">{en.app.loading}</p> : (
          <ul>
            <li>{t.endpointsTotal(health.data.endpoints)}</li>
            <li>{t.endpointsFailing(health.data.failing)}</li>
            <li>{t.messagesPending(health.data.pending)}</li>
          </ul>
        )}
      </section>}
      <h2>{t.instances}</h2>
      <ErrorNotice error={instances.error} />
      {instances.data === undefined ? <p role="status">{en.app.loading}</p>
        : instances.data.length === 0 ? <p>{t.noInstances}</p>
          : instances.data.map((instance) => <InstanceCard key={instance.id} id={instance.id} name={instance.name} />)}
    </>
  );
}

function InstanceCard({ id, name }: { readonly id: string; readonly name: string }) {
  const overview = useLoad(() => instanceOverview(id), [id]);
  const headingId = `instance-${id}`;
  return (
    <section class="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{name}</h3>
      <p><Link to={`/enrollments?instance=${encodeURIComponent(id)}`}>{t.openEnrollments}</Link></p>
      <ErrorNotice error={overview.error} />
      {overview.data === undefined ? <p role="status">{en.app.loading}</p> : (
        <div class="grid">
          <TableScroll label={t.statusCounts}>
            <table>
              <caption>{t.statusCounts}</caption>
              <thead><tr><th scope="col">{t.status}</th><th scope="col" class="num">{t.count}</th></tr></thead>
              <tbody>
                {STATUSES.map((status) => (
                  <tr key={status}>
                    <th scope="row"><Link to={`/enrollments?instance=${encodeURIComponent(id)}&status=${status}`}>{valueName(status)}</Link></th>
                    <td class="num">{overview.data!.statusCounts[status]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <TableScroll label={t.dropOff}>
            <table>
              <caption>{t.dropOff}</caption>
              <tbody>
                {dropOff(overview.data.statusCounts).map((step) => (
                  <tr key={step.to}>
                    <th scope="row">{t.dropOffStep(valueName(step.from), valueName(step.to))}</th>
                    <td>{step.reachedFrom} → {step.reachedTo}: {t.dropOffValue(step.percent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {overview.data.participationCounts === undefined ? null : (
            <TableScroll label={t.participationCounts}>
              <table>
                <caption>{t.participationCounts}</caption>
                <thead><tr><th scope="col">{t.state}</th><th scope="col" class="num">{t.count}</th></tr></thead>
                <tbody>
                  {Object.entries(overview.data.participationCounts).map(([state, count]) => (
                    <tr key={state}><th scope="row">{state}</th><td class="num">{count}</td></tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          <TableScroll label={t.deadlines}>
            <table>
              <caption>{t.deadlines}</caption>
              <thead><tr><th scope="col">{t.waitingOn}</th><th scope="col" class="num">{t.deadlinesOpen}</th><th scope="col" class="num">{t.deadlinesMissed}</th></tr></thead>
              <tbody>
                {WAITING_ON.map((party) => (
                  <tr key={party}>
                    <th scope="row">{valueName(party)}</th>
                    <td class="num">{overview.data!.deadlines.open[party]}</td>
                    <td class="num">{overview.data!.deadlines.missed[party]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </div>
      )}
    </section>
  );
}
