/** What the enrollment-page benches share: reading the page's answers as a browser would, and running work in lanes. */

/** The page's sealed form state, as a browser would send it back. */
function sealedOf(page) {
  const sealed = /name="formState" value="([^"]+)"/.exec(page)?.[1];
  if (sealed === undefined) throw new Error(`no formState on the page:\n${page.slice(0, 2000)}`);
  return sealed.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', '\'');
}

/** Runs `work` `count` times over `lanes` connections, each lane taking the next as soon as its last ends. */
export async function inLanes(count, lanes, work) {
  let left = count;
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (left > 0) {
      left--;
      await work();
    }
  }));
}

/** The answer's body, once its status is the one expected (else an error with the body's start). */
export async function text(response, status) {
  const body = await response.text();
  if (response.status !== status) throw new Error(`${response.url}: ${response.status} (expected ${status}): ${body.slice(0, 1000)}`);
  return body;
}

export async function json(response, status) {
  return JSON.parse(await text(response, status));
}

/** A browser's first two requests: the form (its cookie and sealed state), then the details step. */
export async function openAndAdvance(base, slug, email) {
  const openedAt = Date.now();
  const form = await fetch(`${base}/enroll/${slug}?lang=en`);
  const cookie = (form.headers.getSetCookie()[0] ?? '').split(';')[0];
  const first = await text(form, 200);
  const details = new URLSearchParams({ formState: sealedOf(first), website: '', action: 'continue', firstName: 'Sanne', lastName: 'de Vries', email });
  const consentStep = await text(await fetch(`${base}/enroll/${slug}`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: details }), 200);
  if (!/name="consent"/.test(consentStep)) throw new Error(`the details step did not lead to the consent step:\n${consentStep.slice(0, 2000)}`);
  return { openedAt, cookie, sealed: sealedOf(consentStep) };
}

/** The consent step posted; answers the status link the confirmation gives. */
export async function submitForm(base, slug, { cookie, sealed }) {
  const body = new URLSearchParams({ formState: sealed, website: '', action: 'continue', consent: 'yes' });
  const page = await text(await fetch(`${base}/enroll/${slug}`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body }), 200);
  const link = /https?:\/\/[^"<\s]*\/status\/[^"<\s]+/.exec(page)?.[0];
  if (link === undefined) throw new Error(`no status link on the confirmation:\n${page.slice(0, 2000)}`);
  return link.replaceAll('&amp;', '&');
}
