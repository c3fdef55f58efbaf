// The tables and verdicts of bench/server.mjs: per store, each case beside the bare express app serving its bytes,
// long histories beside short ones, and on MongoDB the read beside the bare driver loop.
import { formatRatio, printTable } from './report.mjs';

/** Fewer 2xx answers than this on either side of a ratio, and its verdict says so instead of MET or MISSED. */
const MIN_ANSWERS = 30;

/** Targets from issue 8, raised by issue 17 (item 8), each checked on every case it names. */
export const TARGETS = {
  enrollmentVsBare: 0.8, // GET enrollment, embedded store, ÷ bare express
  participationVsBare: 0.7, // GET participation, embedded store, ÷ bare express
  writeVsBare: 0.45, // POST trigger and seed 002 submission, embedded store, ÷ bare express
  longVsShort: 0.8, // every route, long history ÷ short history
  readVsDriver: 0.4, // MongoDB store: GET enrollment ÷ the bare driver loop
};

/**
 * @param {{ kind: 'embedded' | 'mongo', label: string }} store
 * @param {Array<{ route: object, histories: Array<{ name: string, skipped?: string, answers: object[],
 *   startEvents: number, participations: number, runners: object, results: { real, bare, driver? } }>}>} measured
 * @param {string[]} notes
 * @param {number} connections
 */
export function printStoreResults(store, measured, notes, connections) {
  const rows = [];
  const skipped = [];
  const verdicts = [];
  for (const { route, histories } of measured) {
    const [short, long] = histories;
    for (const history of histories) {
      const name = `${route.id}, ${history.name}`;
      if (history.skipped !== undefined) {
        skipped.push(`${name}: SKIPPED, ${history.skipped}.`);
        continue;
      }
      const { real, bare, driver } = history.results;
      const grown = history.startEvents + Math.round(history.runners.real.applied / history.participations);
      const extra = {
        'non-2xx': problemsOf(real) || '0',
        'body bytes': history.answers.map((answer) => answer.size).join(' / '),
        'events': route.bodies === undefined ? `${history.startEvents}` : `${history.startEvents} → ${grown}`,
        ...(history === long && short.results !== undefined ? { 'long ÷ short': formatRatio(real.okPerSec / short.results.real.okPerSec) } : {}),
        ...(driver === undefined ? {} : { 'vs driver': formatRatio(real.okPerSec / driver.okPerSec) }),
      };
      rows.push({ name: `${name} — flexroll serve`, result: tableResult(real, connections), baseline: `${name} — bare express`, extra });
      rows.push({ name: `${name} — bare express`, result: tableResult(bare, connections), baseline: `${name} — bare express`, extra: { 'non-2xx': problemsOf(bare) || '0' } });
      if (driver !== undefined) {
        rows.push({ name: `${name} — bare driver findOne`, result: tableResult(driver, connections), baseline: `${name} — bare driver findOne`, extra: { 'non-2xx': problemsOf(driver) || '0' } });
      }
    }
    verdicts.push(...routeVerdicts(store, route, histories));
  }
  printTable(`(e) Server: flexroll serve against bare express, on ${store.label}`, rows, [...skipped, ...(skipped.length > 0 ? [''] : []), ...notes], {
    tail: 'p99',
    labels: { ops: '2xx', lanes: 'conns', rate: '2xx/s' },
  });
  process.stdout.write(`Verdicts on ${store.label}:\n${verdicts.join('\n')}\n\n`);
}

function routeVerdicts(store, route, histories) {
  const lines = [];
  const target = route.id === 'GET enrollment' ? TARGETS.enrollmentVsBare : route.method === 'GET' ? TARGETS.participationVsBare : TARGETS.writeVsBare;
  for (const history of histories) {
    const label = `${route.id} ${route.route}, ${history.name} history`;
    if (history.skipped !== undefined) continue;
    const { real, bare, driver } = history.results;
    if (store.kind === 'embedded') lines.push(verdict(`${label} ÷ bare express`, real, bare, target));
    if (driver !== undefined) lines.push(verdict(`${label} ÷ bare driver findOne({ _id })`, real, driver, TARGETS.readVsDriver));
  }
  const [short, long] = histories;
  if (long.skipped !== undefined) lines.push(`  ${'SKIPPED'.padEnd(14)} ${route.id}, long history ÷ short history (the long history was not measured)`);
  else lines.push(verdict(`${route.id}, long history ÷ short history`, long.results.real, short.results.real, TARGETS.longVsShort));
  return lines;
}

/** "MET …: 0.82× (target ≥ 0.7×; rounds 0.79–0.85×)", flagged when either side had failed requests. */
function verdict(label, result, baseline, target) {
  const ratio = result.okPerSec / baseline.okPerSec;
  const rounds = result.roundRates.map((rate, n) => rate / baseline.roundRates[n]);
  const problems = [problemsOf(result), problemsOf(baseline)].filter(Boolean).join('; ');
  const few = Math.min(result.ok, baseline.ok) < MIN_ANSWERS;
  const outcome = problems ? 'RUN HAD ERRORS' : few ? 'TOO FEW' : ratio >= target ? 'MET' : 'MISSED';
  const range = `rounds ${formatRatio(Math.min(...rounds))}–${formatRatio(Math.max(...rounds))}`;
  const why = problems ? ` — ${problems}` : few ? ` — only ${Math.min(result.ok, baseline.ok)} answers on one side; run longer rounds` : '';
  return `  ${outcome.padEnd(14)} ${label}: ${formatRatio(ratio)} (target ≥ ${target}×; ${range})${why}`;
}

/** "3 × 409, 1 connection error", or '' when every request was answered 2xx. */
function problemsOf(result) {
  const parts = Object.entries(result.statusCodes).filter(([code]) => !code.startsWith('2')).map(([code, n]) => `${n} × ${code}`);
  if (result.non2xx > 0 && parts.length === 0) parts.push(`${result.non2xx} failed`);
  if (result.errors > 0) parts.push(`${result.errors} connection errors/timeouts`);
  return parts.join(', ');
}

/** A summed runner result in the shape printTable reads. */
function tableResult(result, connections) {
  return { iterations: result.ok, concurrency: connections, opsPerSec: result.okPerSec, p50: result.p50, p99: result.p99, failures: {} };
}
