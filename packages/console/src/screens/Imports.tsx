import { useState } from 'preact/hooks';
import { unwrap } from '../api/ApiProblem';
import { api } from '../api/client';
import { readJob, type JobView } from '../api/enrollmentActions';
import { downloadCsv } from '../lib/downloadCsv';
import { ErrorNotice } from '../lib/ErrorNotice';
import { useInstanceChoice } from '../lib/InstancePicker';
import { JobProgress } from '../lib/JobProgress';
import type { Place } from '../lib/router';
import { can, useSession } from '../lib/session';
import { TableScroll } from '../lib/TableScroll';
import { Title } from '../lib/Title';
import { useJob } from '../lib/useJob';
import { useLoad } from '../lib/useLoad';
import { en } from '../messages/en';

const t = en.imports;

/** The row errors a page of `GET /jobs/{id}/errors` holds at most. */
const ERRORS_PER_PAGE = 100;

/** The content type the imports route takes for a file, by its name (the browser's own guess is often empty). */
function contentTypeOf(file: File): 'text/csv' | 'application/x-ndjson' | undefined {
  if (/\.csv$/i.test(file.name)) return 'text/csv';
  if (/\.(ndjson|jsonl)$/i.test(file.name)) return 'application/x-ndjson';
  return undefined;
}

/**
 * Imports: upload a CSV or NDJSON file to `POST /programInstances/{id}/imports`, follow the job it starts (polling
 * `GET /jobs/{id}`), then read and download its row errors (`GET /jobs/{id}/errors`, every page).
 */
export function Imports({ place }: { readonly place: Place }) {
  const { session } = useSession();
  const { instanceId, picker } = useInstanceChoice(place);
  const [started, setStarted] = useState<JobView | undefined>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [wrongType, setWrongType] = useState(false);
  const [finishedRound, setFinishedRound] = useState(0);
  const followed = useJob(started, () => setFinishedRound((round) => round + 1));
  const jobs = useLoad(async () => instanceId === undefined ? undefined
    : unwrap(await api.GET('/programInstances/{instanceId}/jobs', { params: { path: { instanceId }, query: { perPage: 10 } } })).data, [instanceId, finishedRound]);
  const mayImport = can(session, 'enrollments:write');

  const upload = async (event: Event) => {
    event.preventDefault();
    const file = new FormData(event.currentTarget as HTMLFormElement).get('file');
    if (!(file instanceof File) || instanceId === undefined) return;
    const contentType = contentTypeOf(file);
    setWrongType(contentType === undefined);
    if (contentType === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      const text = await file.text();
      const job = unwrap(await api.POST('/programInstances/{instanceId}/imports', {
        params: { path: { instanceId } },
        body: text,
        bodySerializer: (body: string) => body,
        headers: { 'Content-Type': contentType },
      }));
      setStarted(job);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Title text={t.title} />
      <p>{t.intro}</p>
      {picker}
      {mayImport ? (
        <form class="card stack" onSubmit={(event) => void upload(event)}>
          <label>
            {t.file}
            <input type="file" name="file" accept=".csv,.ndjson,.jsonl,text/csv,application/x-ndjson" required />
          </label>
          <p><button type="submit" class="primary" disabled={busy || instanceId === undefined}>{busy ? t.uploading : t.upload}</button></p>
          {wrongType ? <p class="notice notice-error" role="alert">{t.unknownType}</p> : null}
          <ErrorNotice error={error} />
        </form>
      ) : <p class="muted">{en.common.notAllowed('enrollments:write')}</p>}
      {followed.job === undefined ? null : <JobSection job={followed.job} error={followed.error} />}
      <section aria-labelledby="recent-jobs">
        <h2 id="recent-jobs">{t.recent}</h2>
        <ErrorNotice error={jobs.error} />
        {jobs.data === undefined ? null : jobs.data.length === 0 ? <p>{en.common.none}</p> : (
          <TableScroll label={t.jobsTable}>
            <table>
              <caption>{t.jobsTable}</caption>
              <thead><tr><th scope="col">{t.job}</th><th scope="col">{t.kind}</th><th scope="col">{t.status}</th><th scope="col" class="num">{t.rows}</th><th scope="col">{t.created}</th></tr></thead>
              <tbody>
                {jobs.data.map((job) => (
                  <tr key={job.id}>
                    <th scope="row">
                      <button type="button" class="link-button" aria-label={t.followJob(job.id)} onClick={() => void readJob(job.id).then(setStarted, setError)}>{job.id}</button>
                    </th>
                    <td>{job.type}</td>
                    <td>{job.status}</td>
                    <td class="num">{job.rows.processed}</td>
                    <td><time dateTime={job.createdAt}>{new Date(job.createdAt).toLocaleString()}</time></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </>
  );
}

/** The job followed live, and once it has stopped, its row errors with a download. */
function JobSection({ job, error }: { readonly job: JobView; readonly error: unknown }) {
  const finished = job.status === 'completed' || job.status === 'failed';
  const errors = useLoad(async () => {
    if (!finished) return undefined;
    const rows = [];
    // Every page: an import's errors are bounded by its rows, and the download must hold them all.
    for (let page = 1; ; page += 1) {
      const answer = unwrap(await api.GET('/jobs/{jobId}/errors', { params: { path: { jobId: job.id }, query: { page, perPage: ERRORS_PER_PAGE } } }));
      rows.push(...answer.data);
      if (page >= answer.totalPages) return rows;
    }
  }, [job.id, finished]);
  return (
    <section class="card stack" aria-labelledby="import-job">
      <h2 id="import-job">{t.job} {job.id}</h2>
      <JobProgress job={job} label={t.progress} />
      <ErrorNotice error={error ?? errors.error} />
      {errors.data === undefined ? null : (
        <>
          <h3>{t.rowErrors(errors.data.length)}</h3>
          {errors.data.length === 0 ? <p>{t.noErrors}</p> : (
            <>
              <p>
                <button type="button" onClick={() => downloadCsv(`import-${job.id}-errors.csv`, ['row', 'line', 'field', 'rule', 'message', 'referenceId'],
                  errors.data!.map((row) => [row.row, row.line, row.field, row.rule, row.message, row.referenceId]))}>{t.download}</button>
              </p>
              <TableScroll label={t.errorsTable}>
                <table>
                  <caption>{t.errorsTable}</caption>
                  <thead><tr><th scope="col" class="num">{t.row}</th><th scope="col">{t.field}</th><th scope="col">{t.rule}</th><th scope="col">{t.message}</th><th scope="col">{t.reference}</th></tr></thead>
                  <tbody>
                    {errors.data.map((row, index) => (
                      <tr key={index}>
                        <th scope="row" class="num">{row.row}</th>
                        <td><code>{row.field}</code></td>
                        <td>{row.rule ?? ''}</td>
                        <td>{row.message}</td>
                        <td>{row.referenceId ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </>
          )}
        </>
      )}
    </section>
  );
}
