import { api } from '../api/client';
import { unwrap } from '../api/ApiProblem';
import { dropOff, instanceSummary, STATUSES, WAITING_ON } from '../api/overview';
import { ErrorNotice } from '../lib/ErrorNotice';
import { Link } from '../lib/Link';
import { TableScroll } from '../lib/TableScroll';
import { Title } from '../lib/Title';
import { useLoad } from '../lib/useLoad';
import { valueName } from '../lib/valueName';
import { en } from '../messages/en';

const t = en.home;

/**
 * Home: per program instance (its summary), enrollments by status and by participation state, the drop-off between
 * seed 004's review steps and seed 000's onboarding steps, deadlines due by the party they wait on, webhook health.
 */
export function Home() {
  const instances = useLoad(async () => unwrap(await api.GET('/programInstances', { params: { query: { perPage: 100 } } })).data, []);
  return (
    <>
      <Title text={t.title} />
      <h2>{t.instances}</h2>
      <ErrorNotice error={instances.error} />
      {instances.data === undefined ? <p role="status">{en.app.loading}</p>
        : instances.data.length === 0 ? <p>{t.noInstances}</p>
          : instances.data.map((instance) => <InstanceCard key={instance.id} id={instance.id} name={instance.name} />)}
    </>
  );
}

function InstanceCard({ id, name }: { readonly id: string; readonly name: string }) {
  const summary = useLoad(() => instanceSummary(id), [id]);
  const headingId = `instance-${id}`;
  const data = summary.data;
  const states = data === undefined ? [] : Object.entries(data.byParticipationState).filter(([, count]) => count > 0);
  return (
    <section class="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{name}</h3>
      <p><Link to={`/enrollments?instance=${encodeURIComponent(id)}`}>{t.openEnrollments}</Link></p>
      <ErrorNotice error={summary.error} />
      {data === undefined ? <p role="status">{en.app.loading}</p> : (
        <div class="grid">
          <TableScroll label={t.statusCounts}>
            <table>
              <caption>{t.statusCounts}</caption>
              <thead><tr><th scope="col">{t.status}</th><th scope="col" class="num">{t.count}</th></tr></thead>
              <tbody>
                {STATUSES.map((status) => (
                  <tr key={status}>
                    <th scope="row"><Link to={`/enrollments?instance=${encodeURIComponent(id)}&status=${status}`}>{valueName(status)}</Link></th>
                    <td class="num">{data.byStatus[status]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <TableScroll label={t.participationCounts}>
            <table>
              <caption>{t.participationCounts}</caption>
              <thead><tr><th scope="col">{t.state}</th><th scope="col" class="num">{t.count}</th></tr></thead>
              <tbody>
                {states.length === 0 ? <tr><td colSpan={2}>{t.none}</td></tr> : states.map(([state, count]) => (
                  <tr key={state}>
                    <th scope="row">{state === 'none' ? t.noParticipation : <Link to={`/enrollments?instance=${encodeURIComponent(id)}&participationState=${state}`}>{state}</Link>}</th>
                    <td class="num">{count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <TableScroll label={t.dropOff}>
            <table>
              <caption>{t.dropOff}</caption>
              <tbody>
                {dropOff(data.byStatus).map((step) => (
                  <tr key={step.to}>
                    <th scope="row">{t.dropOffStep(valueName(step.from), valueName(step.to))}</th>
                    <td>{step.reachedFrom} → {step.reachedTo}: {t.dropOffValue(step.percent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <TableScroll label={t.funnel}>
            <table>
              <caption>{t.funnel}</caption>
              <thead><tr><th scope="col">{t.state}</th><th scope="col" class="num">{t.reached}</th><th scope="col" class="num">{t.stoppedBefore}</th></tr></thead>
              <tbody>
                {data.funnel.map((step) => (
                  <tr key={step.state}>
                    <th scope="row">{step.state}</th>
                    <td class="num">{step.reached}</td>
                    <td class="num">{step.stoppedBefore}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <TableScroll label={t.deadlines}>
            <table>
              <caption>{t.deadlines}</caption>
              <thead><tr><th scope="col">{t.waitingOn}</th><th scope="col" class="num">{t.deadlinesOpen}</th><th scope="col" class="num">{t.deadlinesMissed}</th></tr></thead>
              <tbody>
                {WAITING_ON.map((party) => (
                  <tr key={party}>
                    <th scope="row">{valueName(party)}</th>
                    <td class="num">{data.deadlines.actionable[party]}</td>
                    <td class="num">{data.deadlines.missed[party]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <div>
            <h4>{t.webhooks}</h4>
            <ul>
              <li>{t.endpointsTotal(data.webhooks.endpoints)}</li>
              <li>{t.endpointsFailing(data.webhooks.failing)}</li>
              <li>{t.endpointsDisabled(data.webhooks.disabled)}</li>
              <li>{t.messagesPending(data.webhooks.pendingMessages)}</li>
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}
