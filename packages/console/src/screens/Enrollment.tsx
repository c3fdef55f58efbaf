import { Fragment, type ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { unwrap } from '../api/ApiProblem';
import { curlOf, moveCall, moveEnrollment, MOVE_SOURCES, screenAgain, screenAgainCall, type CallShown, type EnrollmentView, type JobView } from '../api/enrollmentActions';
import { ConsentRecords } from '../lib/ConsentRecords';
import { ErrorNotice } from '../lib/ErrorNotice';
import { eventChange } from '../lib/eventChange';
import { JobProgress } from '../lib/JobProgress';
import { isTyping } from '../lib/keys';
import { Link } from '../lib/Link';
import { ReasonDialog } from '../lib/ReasonDialog';
import { can, useSession } from '../lib/session';
import { TableScroll } from '../lib/TableScroll';
import { Title } from '../lib/Title';
import { useJob } from '../lib/useJob';
import { useLoad } from '../lib/useLoad';
import { valueName } from '../lib/valueName';
import { en } from '../messages/en';

const t = en.enrollment;
const f = en.fields;

function nameOf(enrollment: EnrollmentView): string {
  return [enrollment.firstName, enrollment.lastName].filter(Boolean).join(' ') || enrollment.email || enrollment.id;
}

/** When, as a person reads it (their locale and time zone), with the instant in the markup. */
function When({ at }: { readonly at: string | null | undefined }) {
  if (at === null || at === undefined) return null;
  return <time dateTime={at}>{new Date(at).toLocaleString()}</time>;
}

/**
 * One enrollment: its fields, its participation's timeline (with expected_at and what the customer is told), its
 * event log, its webhook deliveries, and the review actions, each shown as the API call it makes.
 */
export function Enrollment({ enrollmentId }: { readonly enrollmentId: string }) {
  const loaded = useLoad(async () => unwrap(await api.GET('/enrollments/{enrollmentId}', { params: { path: { enrollmentId } } })), [enrollmentId]);
  const enrollment = loaded.data;
  const { session } = useSession();
  return (
    <>
      <p><Link to={enrollment === undefined ? '/enrollments' : `/enrollments?instance=${encodeURIComponent(enrollment.programInstanceId)}`}>{t.back}</Link></p>
      <Title text={enrollment === undefined ? en.app.loading : t.title(nameOf(enrollment))} />
      <ErrorNotice error={loaded.error} onReload={loaded.reload} />
      {enrollment === undefined ? null : (
        <>
          <Actions enrollment={enrollment} onChanged={loaded.reload} />
          <div class="grid">
            <Fields enrollment={enrollment} />
            <Timeline participationId={enrollment.participationId} version={enrollment.updatedAt} />
          </div>
          <ConsentRecords metadata={enrollment.metadata} />
          <Events enrollmentId={enrollment.id} version={enrollment.updatedAt} />
          {can(session, 'webhooks:manage') ? <Deliveries enrollmentId={enrollment.id} version={enrollment.updatedAt} /> : null}
        </>
      )}
    </>
  );
}

function Fields({ enrollment }: { readonly enrollment: EnrollmentView }) {
  const address = enrollment.address;
  const rows: [string, ComponentChildren][] = [
    [f.status, valueName(enrollment.eligibilityStatus)],
    [f.reason, enrollment.eligibilityReason],
    [f.name, nameOf(enrollment)],
    [f.email, enrollment.email],
    [f.phone, enrollment.phone],
    [f.address, address === undefined ? undefined : [address.streetOne, address.streetTwo, address.city, address.state, address.postalCode, address.country].filter(Boolean).join(', ')],
    [f.manufacturers, enrollment.manufacturerSlugs?.join(', ')],
    [f.serialNumber, enrollment.serialNumber],
    [f.reference, enrollment.referenceId],
    [f.tags, enrollment.tags?.join(', ')],
    [f.deadline, enrollment.deadline === null ? undefined : <>{enrollment.deadline.state} · {valueName(enrollment.deadline.waitingOn)} · {enrollment.deadline.status}{enrollment.deadline.expectedAt === undefined ? null : <> · {t.expectedAt('')}<When at={enrollment.deadline.expectedAt} /></>}</>],
    [f.created, <When at={enrollment.createdAt} />],
    [f.updated, <When at={enrollment.updatedAt} />],
    [f.id, <code>{enrollment.id}</code>],
  ];
  return (
    <section class="card" aria-labelledby="fields-title">
      <h2 id="fields-title">{t.fields}</h2>
      <dl class="fields">
        {rows.filter(([, value]) => value !== undefined && value !== '').map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

function Timeline({ participationId, version }: { readonly participationId: string | undefined; readonly version: string }) {
  const participation = useLoad(async () => participationId === undefined ? undefined
    : unwrap(await api.GET('/vpp-participations/{participation_id}', { params: { path: { participation_id: participationId } } })), [participationId, version]);
  return (
    <section class="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t.timeline}</h2>
      <ErrorNotice error={participation.error} />
      {participationId === undefined ? <p>{t.noParticipation}</p> : participation.data === undefined ? <p role="status">{en.app.loading}</p> : (
        <ol class="timeline">
          {participation.data.participation_state.map((step) => (
            <li key={step.state} class={step.status}>
              <strong>{step.state}</strong> <span class="badge">{step.status}</span>
              <div class="muted"><When at={step.occurred_at} />{step.expected_at === null ? null : <> {t.expectedAt('')}<When at={step.expected_at} /></>}</div>
              <p><span class="visually-hidden">{t.customerMessage}: </span>“{step.description}”</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Events({ enrollmentId, version }: { readonly enrollmentId: string; readonly version: string }) {
  const events = useLoad(async () => unwrap(await api.GET('/events', { params: { query: { enrollmentId, perPage: 100 } } })).data, [enrollmentId, version]);
  return (
    <section class="card" aria-labelledby="events-title">
      <h2 id="events-title">{t.events}</h2>
      <ErrorNotice error={events.error} />
      {events.data === undefined ? <p role="status">{en.app.loading}</p> : events.data.length === 0 ? <p>{t.noEvents}</p> : (
        <TableScroll label={t.events}>
          <table aria-labelledby="events-title" class="wrap">
            <thead>
              <tr>
                <th scope="col">{t.occurredAt}</th>
                <th scope="col">{t.eventType}</th>
                <th scope="col">{t.actor}</th>
                <th scope="col">{t.source}</th>
                <th scope="col">{t.before}</th>
                <th scope="col">{t.after}</th>
              </tr>
            </thead>
            <tbody>
              {events.data.map((event) => {
                const change = eventChange(event.data);
                return (
                  <tr key={event.id}>
                    <td><When at={event.occurredAt} /></td>
                    <th scope="row">{event.type}</th>
                    <td>{event.actor.type}: <code>{event.actor.id}</code></td>
                    <td>{event.source}</td>
                    <td>{change.before}</td>
                    <td>{change.after}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

function Deliveries({ enrollmentId, version }: { readonly enrollmentId: string; readonly version: string }) {
  const deliveries = useLoad(async () => {
    const endpoints = unwrap(await api.GET('/webhook-endpoints', { params: { query: { perPage: 100 } } })).data;
    const pages = await Promise.all(endpoints.map(async (endpoint) => ({
      endpoint,
      messages: unwrap(await api.GET('/webhook-endpoints/{endpointId}/messages', { params: { path: { endpointId: endpoint.id }, query: { enrollmentId, perPage: 100 } } })).data,
    })));
    return pages.flatMap(({ endpoint, messages }) => messages.map((message) => ({ endpoint, message })));
  }, [enrollmentId, version]);
  return (
    <section class="card" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">{t.deliveries}</h2>
      <ErrorNotice error={deliveries.error} />
      {deliveries.data === undefined ? <p role="status">{en.app.loading}</p> : deliveries.data.length === 0 ? <p>{t.noDeliveries}</p> : (
        <TableScroll label={t.deliveries}>
          <table aria-labelledby="deliveries-title">
            <thead>
              <tr>
                <th scope="col">{t.occurredAt}</th>
                <th scope="col">{t.eventType}</th>
                <th scope="col">{t.endpoint}</th>
                <th scope="col">{t.deliveryState}</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.map(({ endpoint, message }) => (
                <tr key={message.id}>
                  <td><When at={message.createdAt} /></td>
                  <th scope="row">{message.type}</th>
                  <td>{endpoint.url}</td>
                  <td>{message.state}{message.lastStatusCode === undefined ? '' : ` (${message.lastStatusCode})`} · {message.totalAttempts}×</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

/** The review actions the enrollment's status allows, each beside the `curl` of the call it makes; `a` and `r` too. */
function Actions({ enrollment, onChanged }: { readonly enrollment: EnrollmentView; readonly onChanged: () => void }) {
  const { session } = useSession();
  const [asking, setAsking] = useState<'reject' | 'unenroll'>();
  const [outcome, setOutcome] = useState<{ error?: unknown; done?: string }>({});
  const [job, setJob] = useState<JobView>();
  const followed = useJob(job, onChanged);
  const status = enrollment.eligibilityStatus;
  const run = async (action: () => Promise<string>) => {
    setOutcome({});
    try {
      setOutcome({ done: await action() });
    } catch (error) {
      setOutcome({ error });
    }
  };
  const move = (which: 'approve' | 'reject' | 'unenroll', reason?: string) => run(async () => {
    const moved = await moveEnrollment(enrollment.id, which, reason);
    onChanged();
    return t.done(valueName(moved.eligibilityStatus));
  });
  const screen = screenAgainCall(enrollment);
  const writer = can(session, 'enrollments:write');

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!writer || isTyping(event) || document.querySelector('dialog[open]') !== null) return;
      if (event.key === 'a' && status === MOVE_SOURCES.approve) {
        event.preventDefault();
        void move('approve');
      } else if (event.key === 'r' && status === MOVE_SOURCES.reject) {
        event.preventDefault();
        setAsking('reject');
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [writer, status, enrollment.id]);

  if (!writer) return null;
  const action = (label: string, call: CallShown | undefined, enabled: boolean, onClick: () => void, shortcut?: string) => (
    <div class="stack" key={label}>
      <button type="button" class={label === t.reject || label === t.unenroll ? 'danger' : 'primary'} disabled={!enabled} onClick={onClick} aria-keyshortcuts={shortcut}>{label}</button>
      {call === undefined ? null : (
        <details>
          <summary>{t.curl}</summary>
          <pre><code>{curlOf(call)}</code></pre>
        </details>
      )}
    </div>
  );
  return (
    <section class="card stack" aria-labelledby="actions-title">
      <h2 id="actions-title">{t.actions}</h2>
      <ErrorNotice error={outcome.error ?? followed.error} onReload={onChanged} />
      {outcome.done === undefined ? null : <p class="notice notice-ok" role="status">{outcome.done}</p>}
      <div class="grid">
        {action(t.approve, moveCall(enrollment.id, 'approve'), status === MOVE_SOURCES.approve, () => void move('approve'), 'a')}
        {action(t.reject, moveCall(enrollment.id, 'reject', '…'), status === MOVE_SOURCES.reject, () => setAsking('reject'), 'r')}
        {action(t.unenroll, moveCall(enrollment.id, 'unenroll', '…'), status === MOVE_SOURCES.unenroll, () => setAsking('unenroll'))}
        {action(t.screenAgain, screen, screen !== undefined && (status === 'candidate' || status === 'ineligible'), () => void run(async () => {
          setJob(await screenAgain(enrollment));
          return t.screened;
        }))}
      </div>
      {followed.job === undefined ? null : <JobProgress job={followed.job} label={t.screenAgain} />}
      <ReasonDialog
        open={asking !== undefined}
        title={asking === 'unenroll' ? t.unenroll : t.reject}
        label={asking === 'unenroll' ? t.exitReason : t.rejectReason}
        submitLabel={asking === 'unenroll' ? t.unenroll : t.reject}
        onSubmit={(reason) => {
          const which = asking!;
          setAsking(undefined);
          void move(which, reason);
        }}
        onCancel={() => setAsking(undefined)}
      />
    </section>
  );
}
