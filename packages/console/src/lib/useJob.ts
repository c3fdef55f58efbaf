import { useEffect, useState } from 'preact/hooks';
import { jobFinished, readJob, type JobView } from '../api/enrollmentActions';

/** How often a running job is read again. */
const POLL_MS = 1000;

/**
 * A job followed live: `GET /jobs/{jobId}` every second until it completes or fails (the API has no push channel;
 * a second is the pace a person watches a progress bar at). Stops when the screen goes away.
 */
export function useJob(initial: JobView | undefined, onFinished?: (job: JobView) => void): { job: JobView | undefined; error: unknown } {
  const [job, setJob] = useState(initial);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    setJob(initial);
    setError(undefined);
    if (initial === undefined) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const poll = async (current: JobView) => {
      if (jobFinished(current)) {
        onFinished?.(current);
        return;
      }
      timer = setTimeout(() => {
        readJob(current.id).then(
          (next) => {
            if (stopped) return;
            setJob(next);
            void poll(next);
          },
          (caught: unknown) => !stopped && setError(caught),
        );
      }, POLL_MS);
    };
    void poll(initial);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // Only a new job restarts the polling.
  }, [initial?.id]);
  return { job, error };
}
