import { useMemo, useState } from 'preact/hooks';
import { ApiProblem } from '../api/ApiProblem';
import { acceptInvitation } from '../api/sessions';
import { ErrorNotice } from '../lib/ErrorNotice';
import { formText } from '../lib/forms';
import { Link } from '../lib/Link';
import { Title } from '../lib/Title';
import { en } from '../messages/en';

const t = en.acceptInvitation;

/**
 * The invitation link's token travels in the URL fragment (`#token=…`), which the browser never sends, so it reaches
 * no server log; it is read here and the fragment cleared from the address bar.
 */
function tokenFromFragment(): string | undefined {
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? undefined;
  if (token !== undefined) history.replaceState(null, '', location.pathname + location.search);
  return token;
}

/** Accept an invitation: choose a password with the one-time token, then sign in. */
export function AcceptInvitation() {
  const token = useMemo(tokenFromFragment, []);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const password = formText(form, 'password');
    if (password !== formText(form, 'confirm')) {
      setError(new ApiProblem(400, 'mismatch', t.mismatch, undefined));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await acceptInvitation(token!, password);
      setDone(true);
    } catch (caught) {
      setError(caught instanceof ApiProblem && (caught.status === 404 || caught.code === 'invitation_invalid') ? new ApiProblem(caught.status, caught.code, t.invalid, caught.requestId) : caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card narrow">
      <Title text={t.title} />
      {token === undefined ? (
        <p role="alert" class="notice notice-error">{t.missingToken}</p>
      ) : done ? (
        <div class="notice notice-ok" role="status">
          <p>{t.done}</p>
          <Link to="/sign-in">{t.goToSignIn}</Link>
        </div>
      ) : (
        <>
          <p>{t.intro}</p>
          <ErrorNotice error={error} />
          <form onSubmit={(event) => void submit(event)} class="stack">
            <div class="field">
              <label for="field-password">{t.password}</label>
              <input id="field-password" name="password" type="password" autocomplete="new-password" required />
            </div>
            <div class="field">
              <label for="field-confirm">{t.confirm}</label>
              <input id="field-confirm" name="confirm" type="password" autocomplete="new-password" required />
            </div>
            <button type="submit" class="primary" disabled={busy}>{busy ? t.submitting : t.submit}</button>
          </form>
        </>
      )}
    </section>
  );
}
