// (z) The hosted enrollment page against the API's enrollment create (issue 22), on FerretDB on PostgreSQL, one real
// `flexroll serve` on its own database, in the same run:
//
// - API: `POST /programInstances/{id}/enrollments` with a secret key, the customer's name and e-mail (no device).
// - Page: what a customer's browser sends for the same enrollment: `GET /enroll/{slug}` (the form, its sealed state and
//   the CSRF cookie), the details step posted, then the consent step posted: the submission (the enrollment created,
//   moved candidate → eligible → submitted, `enrollment.submitted` appended, a status link issued).
//
// The page refuses a form submitted within 3 s of being opened (PageGuards' minSubmitMs; `serve` has no setting for
// it, by design), so each round opens and advances all its forms first, waits out the rest of the 3 s, then submits
// them: "submissions/s" is the final POST's rate (the like of the API's one create), "whole journey/s" counts the GET
// and both POSTs too (the waiting left out). The pages' flood limits are raised far above the load.
// Also weighed: a page as a browser loads it (HTML + every stylesheet + any script), for the form and the status page.
//
//   node --conditions=flexroll-test bench/selfEnrollment.mjs   (after npm run build:all; about 2 minutes)
import { isMain, runBenches } from './lib/main.mjs';
import { inLanes, json, openAndAdvance, submitForm, text } from './lib/pageClient.mjs';
import { formatRatio, printCells, printSkipped } from './lib/report.mjs';
import { startServe } from './lib/serveProcess.mjs';
import { describeBackend, dropDatabase, prepareMongoServe, provideServerMongo, withFreshDatabase } from './lib/serverMongo.mjs';

const TITLE = '(z) Self-enrollment: the page\'s form against the API\'s create';
const CONNECTIONS = 16;
const PER_ROUND = Number(process.env.BENCH_SELF_ENROLL_PER_ROUND ?? 300);
const ROUNDS = 3;
const MIN_SUBMIT_MS = 3_000;
const PAGE = {
  enabled: true, slug: 'bench-powershare', name: 'Community Powershare', accentColour: '#0b6e4f',
  fields: { phone: 'off', address: 'off', manufacturerSlugs: 'off', serialNumber: 'off' },
  terms: { version: '2025-01', text: 'You allow the programme to control your battery during programme events.' },
  locales: ['en', 'de'], defaultLocale: 'en', supportEmail: 'support@leap.example', leadCapture: false,
};

export async function selfEnrollment({ mongo: shared } = {}) {
  const mongo = await provideServerMongo(shared);
  if (mongo.skipReason !== undefined) return printSkipped(TITLE, mongo.skipReason);
  const databaseUri = withFreshDatabase(mongo.uri, 'selfenroll');
  let serve;
  try {
    const backend = await describeBackend(mongo.uri, mongo.backend);
    const { env, secretKey, programId } = await prepareMongoServe(mongo, databaseUri);
    serve = await startServe({ ...env, LOG_LEVEL: 'warn', FLEXROLL_ENROLL_PAGE_PER_ADDRESS_PER_MINUTE: '1000000000', FLEXROLL_ENROLL_PAGE_PER_PAGE_PER_MINUTE: '1000000000' });
    const base = serve.base;
    const auth = { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' };
    const instance = await json(await fetch(`${base}/programInstances`, { method: 'POST', headers: auth, body: JSON.stringify({ programId, name: 'Bench instance' }) }), 201);
    await json(await fetch(`${base}/programInstances/${instance.id}/enrollment-page`, { method: 'PUT', headers: auth, body: JSON.stringify(PAGE) }), 200);

    let serial = 0;
    const api = async () => {
      const n = serial++;
      const started = Date.now();
      await inLanes(PER_ROUND, CONNECTIONS, async () => {
        const body = { identificationType: 'customerInfo', firstName: 'Sanne', lastName: 'de Vries', email: `api.${n}.${serial++}@example.nl` };
        await json(await fetch(`${base}/programInstances/${instance.id}/enrollments`, { method: 'POST', headers: auth, body: JSON.stringify(body) }), 201);
      });
      return { submitsPerSec: PER_ROUND / ((Date.now() - started) / 1000) };
    };
    const page = async () => {
      const opened = [];
      const prepareStarted = Date.now();
      await inLanes(PER_ROUND, CONNECTIONS, async () => opened.push(await openAndAdvance(base, PAGE.slug, `page.${serial++}@example.nl`)));
      const prepareMs = Date.now() - prepareStarted;
      const lastOpened = Math.max(...opened.map((form) => form.openedAt));
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, lastOpened + MIN_SUBMIT_MS + 100 - Date.now())));
      const submitStarted = Date.now();
      let next = 0;
      await inLanes(PER_ROUND, CONNECTIONS, async () => submitForm(base, PAGE.slug, opened[next++]));
      const submitMs = Date.now() - submitStarted;
      return { submitsPerSec: PER_ROUND / (submitMs / 1000), journeysPerSec: PER_ROUND / ((prepareMs + submitMs) / 1000) };
    };

    // Warm-up, then alternating rounds: the machine's load drifts between rounds more than within one.
    await api();
    await page();
    const apiRounds = [];
    const pageRounds = [];
    for (let round = 0; round < ROUNDS; round++) {
      apiRounds.push(await api());
      pageRounds.push(await page());
    }
    const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
    const apiRate = median(apiRounds.map((r) => r.submitsPerSec));
    const submitRate = median(pageRounds.map((r) => r.submitsPerSec));
    const journeyRate = median(pageRounds.map((r) => r.journeysPerSec));
    const each = (rounds, key) => rounds.map((r) => r[key].toFixed(0)).join(' ');
    printCells(`${TITLE} on ${backend}`, ['case', 'per s (median)', 'each round', 'vs API create'], [
      ['API: POST /programInstances/{id}/enrollments (secret key)', apiRate.toFixed(0), each(apiRounds, 'submitsPerSec'), '1.00×'],
      ['page: the consent step\'s POST /enroll/{slug} (the submission)', submitRate.toFixed(0), each(pageRounds, 'submitsPerSec'), formatRatio(submitRate / apiRate)],
      ['page: whole journey (GET form + 2 POSTs, the 3 s wait left out)', journeyRate.toFixed(0), each(pageRounds, 'journeysPerSec'), formatRatio(journeyRate / apiRate)],
    ], [
      `${PER_ROUND} enrollments a round from ${CONNECTIONS} connections, ${ROUNDS} alternating rounds after one of warm-up each;`,
      'target: the submission at least 0.8× the API\'s create.',
    ]);

    const status = await openAndAdvance(base, PAGE.slug, 'weight@example.nl').then((form) => new Promise((resolve) => setTimeout(resolve, MIN_SUBMIT_MS + 100)).then(() => submitForm(base, PAGE.slug, form)));
    const weights = [];
    for (const [label, path] of [['form, details step (en)', `/enroll/${PAGE.slug}?lang=en`], ['form, details step (de)', `/enroll/${PAGE.slug}?lang=de`], ['status page (en)', new URL(status).pathname + new URL(status).search]]) {
      weights.push([label, ...(await weigh(base, path))]);
    }
    printCells(`${TITLE}: page weight`, ['page', 'HTML bytes', 'CSS bytes', 'JS bytes', 'total KB', 'target'], weights.map(([label, html, css, js]) => [label, String(html), String(css), String(js), ((html + css + js) / 1024).toFixed(1), '< 60 KB']),
      ['Uncompressed, as served; every stylesheet and script the HTML links counted once.']);
  } finally {
    await serve?.stop();
    await dropDatabase(databaseUri).catch(() => undefined);
    await mongo.stop();
  }
}

/** HTML, CSS and JS bytes of one page as a browser would fetch them. */
async function weigh(base, path) {
  const page = await text(await fetch(`${base}${path}`), 200);
  const sizeOf = async (href) => Buffer.byteLength(await text(await fetch(new URL(href.replaceAll('&amp;', '&'), `${base}${path}`)), 200));
  let css = 0;
  for (const [, href] of page.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)) css += await sizeOf(href);
  let js = 0;
  for (const [, src] of page.matchAll(/<script[^>]+src="([^"]+)"/g)) js += await sizeOf(src);
  return [Buffer.byteLength(page), css, js];
}

if (isMain(import.meta.url)) await runBenches([selfEnrollment], { needsMongo: false, watchdogMs: 15 * 60_000 });
