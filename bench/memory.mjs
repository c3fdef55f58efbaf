// (f) Memory: what the embedded store keeps per stored event. The platform as `flexroll serve` builds it on the
// embedded store, filled through the services with 100,000 events: 2,000 enrollments (seed 004's Suzie with a
// device each) driven to ACTIVE, then suspensions raised and cleared through ParticipationService.trigger, round
// robin, 50 events per enrollment in the end. Resident set size (RSS) and V8's heapUsed are read after forced
// garbage collections before the first of those enrollments and at each quarter, in a process of its own
// (node --expose-gc bench/lib/memoryProbe.mjs), and their growth is divided by the events stored since.
//
// The baseline is the same process before the fill, so the growth is the store's (events, projections, customers,
// device claims) plus whatever the services keep. Target (issue 17): under 1.5 KiB per event.
//
//   node bench/memory.mjs        (after npm run build; about a minute)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { isMain, runBenches } from './lib/main.mjs';
import { printCells } from './lib/report.mjs';

const EVENTS = 100_000;
const ENROLLMENTS = 2_000;
const TARGET_BYTES_PER_EVENT = 1.5 * 1024;

export async function memory() {
  const readings = await probe();
  const [before] = readings;
  const last = readings.at(-1);
  const half = readings.find((reading) => reading.checkpoint === EVENTS / 2);
  const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
  const perEvent = (from, to, key) => ((to[key] - from[key]) / (to.events - from.events) / 1024).toFixed(2);
  const rows = readings.map((reading) => [
    reading.events === 0 ? 'before the fill' : `after ${reading.events.toLocaleString('en-US')} events`,
    reading.events.toLocaleString('en-US'),
    mib(reading.rss), mib(reading.heapTotal), mib(reading.heapUsed),
    reading.events === 0 ? '' : perEvent(before, reading, 'rss'),
    reading.events === 0 ? '' : perEvent(before, reading, 'heapUsed'),
    reading.seconds.toFixed(1),
  ]);
  if (half !== undefined) {
    rows.push(['second half only (appends to existing enrollments)', (last.events - half.events).toLocaleString('en-US'), '', '', '',
      perEvent(half, last, 'rss'), perEvent(half, last, 'heapUsed'), '']);
  }
  printCells('(f) Memory: the embedded store per stored event', ['reading', 'events', 'RSS MiB', 'heapTotal MiB', 'heapUsed MiB', 'RSS KiB/event', 'heapUsed KiB/event', 's'], rows, [
    `${ENROLLMENTS.toLocaleString('en-US')} enrollments driven to ACTIVE, then suspensions raised and cleared through ParticipationService.trigger until`,
    `the store held ${EVENTS.toLocaleString('en-US')} events (${last.eventsPerEnrollment} per enrollment). Per-event growth: (reading − before) ÷ events since; KiB = 1,024 bytes.`,
    `For scale: one stored event is ${last.eventJsonBytes} bytes of JSON; one enrollment's projection with ${last.eventsPerEnrollment} events, ${last.projectionJsonBytes.toLocaleString('en-US')}.`,
    'RSS also counts heap pages V8 reserved and has not returned (heapTotal), so it runs above heapUsed.',
    '',
    'Verdicts:',
    verdict('RSS', (last.rss - before.rss) / last.events),
    verdict('RSS read at the collection', (last.rssAtCollection - before.rssAtCollection) / last.events),
    verdict('heapUsed', (last.heapUsed - before.heapUsed) / last.events),
  ]);
}

function verdict(what, bytesPerEvent) {
  const outcome = bytesPerEvent < TARGET_BYTES_PER_EVENT ? 'MET' : 'MISSED';
  return `  ${outcome.padEnd(14)} ${what} growth per stored event at ${EVENTS.toLocaleString('en-US')} events: ${(bytesPerEvent / 1024).toFixed(2)} KiB (target < ${TARGET_BYTES_PER_EVENT / 1024} KiB)`;
}

/** Runs the probe in its own process and returns its readings. */
async function probe() {
  const script = fileURLToPath(new URL('./lib/memoryProbe.mjs', import.meta.url));
  const child = spawn(process.execPath, ['--expose-gc', '--conditions=flexroll-test', script, String(EVENTS), String(ENROLLMENTS)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const readings = [];
  createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => readings.push(JSON.parse(line)));
  const [code, signal] = await once(child, 'exit');
  if (code !== 0) throw new Error(`the memory probe exited (${code ?? signal}) after ${readings.length} readings`);
  return readings;
}

if (isMain(import.meta.url)) await runBenches([memory], { needsMongo: false });
