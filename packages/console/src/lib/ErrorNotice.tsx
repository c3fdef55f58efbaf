import { ApiProblem } from '../api/ApiProblem';
import { en } from '../messages/en';

/**
 * An error as a person reads it, announced to screen readers (role=alert). A 412 (someone else changed it) offers to
 * reload; any other failure shows the API's message and the request id an operator can look up.
 */
export function ErrorNotice({ error, onReload }: { readonly error: unknown; readonly onReload?: () => void }) {
  if (error === undefined || error === null) return null;
  const problem = error instanceof ApiProblem ? error : undefined;
  return (
    <div class="notice notice-error" role="alert">
      <p>{problem?.message ?? en.app.unexpected}</p>
      {problem?.requestId === undefined ? null : <p class="muted">{en.app.requestId(problem.requestId)}</p>}
      {problem?.changedElsewhere === true && onReload !== undefined ? (
        <button type="button" onClick={onReload}>{en.app.reload}</button>
      ) : null}
    </div>
  );
}
