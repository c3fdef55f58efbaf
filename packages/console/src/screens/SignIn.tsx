import { useState } from 'preact/hooks';
import { ApiProblem } from '../api/ApiProblem';
import { signIn, type SessionView } from '../api/sessions';
import { ErrorNotice } from '../lib/ErrorNotice';
import { formText } from '../lib/forms';
import { navigate, type Place } from '../lib/router';
import { Title } from '../lib/Title';
import { en } from '../messages/en';

const t = en.signIn;

/** Where to go after signing in: a console path from `?next=`, never another site. */
function nextPath(place: Place): string {
  const next = place.query.get('next');
  return next !== null && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Sign-in: e-mail and password (and a workspace, for an address that belongs to several), then the page asked for. */
export function SignIn({ place, onSignedIn }: { readonly place: Place; readonly onSignedIn: (session: SessionView) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(undefined);
    try {
      const session = await signIn(formText(form, 'email'), formText(form, 'password'), formText(form, 'workspaceId').trim() || undefined);
      onSignedIn(session);
      navigate(nextPath(place), { replace: true });
    } catch (caught) {
      if (caught instanceof ApiProblem && caught.status === 401) setError(new ApiProblem(401, caught.code, t.invalid, undefined));
      else if (caught instanceof ApiProblem && caught.status === 429) setError(new ApiProblem(429, caught.code, t.throttled, undefined));
      else setError(caught);
      setBusy(false);
    }
  };
  return (
    <section class="card narrow" aria-labelledby="sign-in-title">
      <div id="sign-in-title">
        <Title text={t.title} />
      </div>
      <p>{t.intro}</p>
      <ErrorNotice error={error} />
      <form onSubmit={(event) => void submit(event)} class="stack">
        <div class="field">
          <label for="field-email">{t.email}</label>
          <input id="field-email" name="email" type="email" autocomplete="username" required />
        </div>
        <div class="field">
          <label for="field-password">{t.password}</label>
          <input id="field-password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <details>
          <summary>{t.workspace}</summary>
          <div class="field">
            <label for="field-workspaceId">{t.workspace}</label>
            <input id="field-workspaceId" name="workspaceId" type="text" autocomplete="off" />
          </div>
        </details>
        <button type="submit" class="primary" disabled={busy}>{busy ? t.submitting : t.submit}</button>
      </form>
    </section>
  );
}
