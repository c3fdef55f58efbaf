import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import { unwrap } from '../api/ApiProblem';
import type { operations } from '../api/schema';
import { moveListedEnrollment, type BulkAction, type JobView } from '../api/enrollmentActions';
import { STATUSES } from '../api/overview';
import { PARTICIPATION_STATES } from '../api/participationStates';
import { apiQueryOf, filtersOf, pathWithQuery, type Filters } from '../lib/enrollmentFilters';
import { ErrorNotice } from '../lib/ErrorNotice';
import { formText } from '../lib/forms';
import { JobProgress } from '../lib/JobProgress';
import { isTyping } from '../lib/keys';
import { Link } from '../lib/Link';
import { ReasonDialog } from '../lib/ReasonDialog';
import { navigate, type Place } from '../lib/router';
import { can, useSession } from '../lib/session';
import { TableScroll } from '../lib/TableScroll';
import { Title } from '../lib/Title';
import { useJob } from '../lib/useJob';
import { useLoad } from '../lib/useLoad';
import { valueName } from '../lib/valueName';
import { en } from '../messages/en';

const t = en.enrollments;
const PER_PAGE = 25;

/**
 * The enrollments of one program instance: filters in the URL, pages from the server, a CSV export of the filtered
 * set, a bulk action over it (a job, followed live), and keyboard triage (j/k, Enter, a, r).
 */
export function Enrollments({ place }: { readonly place: Place }) {
  const { session } = useSession();
  const instanceId = place.query.get('instance') ?? undefined;
  const filters = filtersOf(place.query);
  const page = Math.max(1, Number(place.query.get('page') ?? '1') || 1);
  const instances = useLoad(async () => unwrap(await api.GET('/programInstances', { params: { query: { perPage: 100 } } })).data, []);

  // Without an instance in the URL, the workspace's first one (replacing the URL, so Back does not loop).
  useEffect(() => {
    const first = instances.data?.[0];
    if (instanceId === undefined && first !== undefined) navigate(pathWithQuery('/enrollments', { instance: first.id, ...filters }), { replace: true });
  }, [instanceId, instances.data]);

  const queryKey = place.query.toString();
  const list = useLoad(async () => {
    if (instanceId === undefined) return undefined;
    return unwrap(await api.GET('/programInstances/{instanceId}/enrollments', {
      params: { path: { instanceId }, query: { ...apiQueryOf(filters), page, perPage: PER_PAGE } },
    }));
  }, [queryKey]);

  const go = (changes: Record<string, string | undefined>) => navigate(pathWithQuery('/enrollments', { instance: instanceId, ...filters, page: String(page), ...changes }));
  const onFilter = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const next: Record<string, string | undefined> = { instance: formText(form, 'instance') || instanceId };
    for (const name of ['status', 'participationState', 'tags', 'manufacturer', 'postalCodePrefix', 'createdFrom', 'createdTo', 'updatedFrom', 'updatedTo', 'q'] as const) next[name] = formText(form, name).trim() || undefined;
    next.overdue = form.get('overdue') === 'on' ? 'true' : undefined;
    navigate(pathWithQuery('/enrollments', next));
  };

  const rows = list.data?.data ?? [];
  const moreFilters = Object.keys(filters).some((name) => !['status', 'participationState', 'q'].includes(name));
  const writer = can(session, 'enrollments:write');
  return (
    <>
      <Title text={t.title} />
      <ErrorNotice error={instances.error} />
      {/* Uncontrolled fields (defaults from the URL), so a re-render while the member edits keeps what they chose; the
          form is rebuilt (its key) whenever the URL's filters change. */}
      <form class="card stack" onSubmit={onFilter} aria-labelledby="filters-title" key={queryKey}>
        <h2 id="filters-title">{t.filters}</h2>
        <div class="filters">
          <div class="field">
            <label for="field-instance">{t.instance}</label>
            <select id="field-instance" name="instance">
              {(instances.data ?? []).map((instance) => <option key={instance.id} value={instance.id} selected={instance.id === instanceId}>{instance.name}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="field-q">{t.search}</label>
            <input id="field-q" name="q" type="search" defaultValue={filters.q ?? ''} />
          </div>
          <div class="field">
            <label for="field-status">{t.status}</label>
            <select id="field-status" name="status">
              <option value="">{t.anyStatus}</option>
              {STATUSES.map((status) => <option key={status} value={status} selected={status === filters.status}>{valueName(status)}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="field-participationState">{t.participationState}</label>
            <select id="field-participationState" name="participationState">
              <option value="">{t.anyState}</option>
              {PARTICIPATION_STATES.map((state) => <option key={state} value={state} selected={state === filters.participationState}>{state}</option>)}
            </select>
          </div>
        </div>
        <details open={moreFilters}>
          <summary>{t.moreFilters}</summary>
          <div class="filters">
          <div class="field">
            <label for="field-tags">{t.tags}</label>
            <input id="field-tags" name="tags" type="text" defaultValue={filters.tags ?? ''} />
          </div>
          <div class="field">
            <label for="field-manufacturer">{t.manufacturer}</label>
            <input id="field-manufacturer" name="manufacturer" type="text" defaultValue={filters.manufacturer ?? ''} />
          </div>
          <div class="field">
            <label for="field-postalCodePrefix">{t.postalCodePrefix}</label>
            <input id="field-postalCodePrefix" name="postalCodePrefix" type="text" defaultValue={filters.postalCodePrefix ?? ''} />
          </div>
          <div class="field">
            <label for="field-createdFrom">{t.createdFrom}</label>
            <input id="field-createdFrom" name="createdFrom" type="date" defaultValue={filters.createdFrom ?? ''} />
          </div>
          <div class="field">
            <label for="field-createdTo">{t.createdTo}</label>
            <input id="field-createdTo" name="createdTo" type="date" defaultValue={filters.createdTo ?? ''} />
          </div>
          <div class="field">
            <label for="field-updatedFrom">{t.updatedFrom}</label>
            <input id="field-updatedFrom" name="updatedFrom" type="date" defaultValue={filters.updatedFrom ?? ''} />
          </div>
          <div class="field">
            <label for="field-updatedTo">{t.updatedTo}</label>
            <input id="field-updatedTo" name="updatedTo" type="date" defaultValue={filters.updatedTo ?? ''} />
          </div>
          <label class="inline">
            <input name="overdue" type="checkbox" defaultChecked={filters.overdue === 'true'} />
            {t.overdue}
          </label>
          </div>
        </details>
        <div class="row">
          <button type="submit" class="primary">{t.apply}</button>
          <Link to={pathWithQuery('/enrollments', { instance: instanceId })} class="button">{t.clear}</Link>
          {instanceId === undefined ? null : (
            <a class="button" href={pathWithQuery(`/programInstances/${encodeURIComponent(instanceId)}/enrollments/export.csv`, apiQueryOf(filters))} download>{t.exportCsv}</a>
          )}
        </div>
      </form>

      <ErrorNotice error={list.error} onReload={list.reload} />
      {list.data === undefined ? <p role="status">{en.app.loading}</p> : (
        <Results
          rows={rows}
          total={list.data.totalItems}
          page={page}
          pages={list.data.totalPages}
          writer={writer}
          onPage={(next) => go({ page: String(next) })}
          onChanged={list.reload}
        />
      )}
      {writer && instanceId !== undefined && list.data !== undefined ? (
        <BulkActions instanceId={instanceId} filters={filters} total={list.data.totalItems} onFinished={list.reload} />
      ) : null}
    </>
  );
}

type Row = { readonly id: string; readonly firstName?: string; readonly lastName?: string; readonly email?: string; readonly referenceId?: string; readonly eligibilityStatus: string; readonly deadline?: { readonly state: string } | null; readonly createdAt: string };

function nameOf(row: Row): string {
  return [row.firstName, row.lastName].filter(Boolean).join(' ') || row.email || row.id;
}

/** The page of results, with keyboard triage: the selected row is announced and acted on by single keys. */
function Results({ rows, total, page, pages, writer, onPage, onChanged }: {
  readonly rows: readonly Row[]; readonly total: number; readonly page: number; readonly pages: number; readonly writer: boolean;
  readonly onPage: (page: number) => void; readonly onChanged: () => void;
}) {
  const [selected, setSelected] = useState(0);
  const [rejecting, setRejecting] = useState<Row>();
  const [outcome, setOutcome] = useState<{ error?: unknown; done?: string }>({});
  const table = useRef<HTMLTableElement>(null);
  useEffect(() => setSelected(0), [rows]);
  // A mark for bench/consoleInteractive.mjs (docs/performance.md (y)): a page of rows is in the DOM, so navigation start
  // to this mark is how long a member waits for a list they can act on. Effects run after the render is committed.
  useEffect(() => {
    performance.mark('console:list-ready', { detail: { rows: rows.length } });
  }, [rows]);

  const approve = async (row: Row) => {
    try {
      const moved = await moveListedEnrollment(row, 'approve');
      setOutcome({ done: `${nameOf(row)}: ${en.enrollment.done(valueName(moved.eligibilityStatus))}` });
      onChanged();
    } catch (error) {
      setOutcome({ error });
    }
  };
  const reject = async (row: Row, reason: string) => {
    setRejecting(undefined);
    try {
      const moved = await moveListedEnrollment(row, 'reject', reason);
      setOutcome({ done: `${nameOf(row)}: ${en.enrollment.done(valueName(moved.eligibilityStatus))}` });
      onChanged();
    } catch (error) {
      setOutcome({ error });
    }
  };

  // The handler reads the selection through a ref: keys pressed faster than an effect re-registers it (a person
  // holding j, a test) must each move from where the one before left the selection, not from a stale copy.
  const state = useRef({ rows, selected, writer, rejecting });
  state.current = { rows, selected, writer, rejecting };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { rows: shown, selected: at, writer: canWrite, rejecting: asking } = state.current;
      if (isTyping(event) || asking !== undefined || document.querySelector('dialog[open]') !== null || shown.length === 0) return;
      const row = shown[at];
      const move = (by: number) => {
        event.preventDefault();
        const next = Math.min(shown.length - 1, Math.max(0, at + by));
        state.current.selected = next;
        setSelected(next);
        table.current?.querySelectorAll('tbody tr')[next]?.scrollIntoView({ block: 'nearest' });
      };
      if (event.key === 'j' || event.key === 'ArrowDown') move(1);
      else if (event.key === 'k' || event.key === 'ArrowUp') move(-1);
      else if (event.key === 'Enter' && row !== undefined && (event.target as HTMLElement).tagName !== 'A' && (event.target as HTMLElement).tagName !== 'BUTTON') {
        event.preventDefault();
        navigate(`/enrollments/${row.id}`);
      } else if (event.key === 'a' && canWrite && row !== undefined) {
        event.preventDefault();
        void approve(row);
      } else if (event.key === 'r' && canWrite && row !== undefined) {
        event.preventDefault();
        state.current.rejecting = row;
        setRejecting(row);
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  const current = rows[selected];
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">{t.results(total)}</h2>
      <p class="muted">{t.triageHint}</p>
      <ErrorNotice error={outcome.error} onReload={onChanged} />
      {outcome.done === undefined ? null : <p class="notice notice-ok" role="status">{outcome.done}</p>}
      <p class="visually-hidden" aria-live="polite">{current === undefined ? '' : `${nameOf(current)}, ${valueName(current.eligibilityStatus)}, ${t.selected}`}</p>
      {rows.length === 0 ? <p>{t.empty}</p> : (
        <TableScroll label={t.table}>
          <table ref={table} aria-label={t.table} class="list">
            <thead>
              <tr>
                <th scope="col">{t.name}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.participation}</th>
                <th scope="col">{t.email}</th>
                <th scope="col">{t.reference}</th>
                <th scope="col">{t.created}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={row.id} aria-selected={index === selected ? 'true' : 'false'} onClick={() => setSelected(index)}>
                  <th scope="row"><Link to={`/enrollments/${row.id}`}>{nameOf(row)}</Link></th>
                  <td>{valueName(row.eligibilityStatus)}</td>
                  <td>{row.deadline?.state ?? t.nobody}</td>
                  <td>{row.email ?? t.nobody}</td>
                  <td>{row.referenceId ?? t.nobody}</td>
                  <td><time dateTime={row.createdAt}>{row.createdAt.slice(0, 10)}</time></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <nav class="pager" aria-label={t.pageOf(page, pages)}>
        <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>{t.previous}</button>
        <span>{t.pageOf(page, pages)}</span>
        <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>{t.next}</button>
      </nav>
      <ReasonDialog
        open={rejecting !== undefined}
        title={rejecting === undefined ? '' : `${en.enrollment.reject}: ${nameOf(rejecting)}`}
        label={en.enrollment.rejectReason}
        submitLabel={en.enrollment.reject}
        onSubmit={(reason) => void reject(rejecting!, reason)}
        onCancel={() => setRejecting(undefined)}
      />
    </section>
  );
}

type BulkBody = NonNullable<operations['startBulkAction']['requestBody']>['content']['application/json'];

/**
 * A bulk action on the filtered set: the job `POST /programInstances/{id}/bulk-actions` with the list's filters,
 * followed live by polling `GET /jobs/{id}`.
 */
function BulkActions({ instanceId, filters, total, onFinished }: { readonly instanceId: string; readonly filters: Filters; readonly total: number; readonly onFinished: () => void }) {
  const [started, setStarted] = useState<JobView>();
  const [error, setError] = useState<unknown>();
  const { job, error: pollError } = useJob(started, onFinished);
  const start = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const action = formText(form, 'action') as BulkAction;
    const reason = formText(form, 'reason').trim();
    if (!confirm(t.bulkConfirm((t.actions[action] ?? action).toLowerCase(), total))) return;
    setError(undefined);
    try {
      // The list's own filters, as the list's query names them: the job acts on exactly the set the list shows.
      const filter = apiQueryOf(filters) as NonNullable<BulkBody['filter']>;
      setStarted(unwrap(await api.POST('/programInstances/{instanceId}/bulk-actions', {
        params: { path: { instanceId } },
        body: { action, ...(Object.keys(filter).length === 0 ? {} : { filter }), ...(reason === '' ? {} : { reason }) },
      })));
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <section class="card stack" aria-labelledby="bulk-title">
      <h2 id="bulk-title">{t.bulk}</h2>
      <form class="row" onSubmit={(event) => void start(event)}>
        <div class="field">
          <label for="field-bulk-action">{t.bulkAction}</label>
          <select id="field-bulk-action" name="action">
            {(['approve', 'reject', 'unenroll', 'evaluate'] as const).map((action) => <option key={action} value={action}>{t.actions[action]}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="field-bulk-reason">{t.bulkReason}</label>
          <input id="field-bulk-reason" name="reason" type="text" maxLength={500} />
        </div>
        <button type="submit" disabled={job !== undefined && job.status !== 'completed' && job.status !== 'failed'}>{t.bulkStart}</button>
      </form>
      <ErrorNotice error={error ?? pollError} />
      {job === undefined ? null : <JobProgress job={job} label={t.bulk} />}
    </section>
  );
}
