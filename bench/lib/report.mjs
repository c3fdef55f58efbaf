// Printing a benchmark's results: one table per question, each case beside the baseline measured in the same run.

/**
 * Prints a table: case, ops, lanes, ops/s, p50 and p95 latency (ms), throughput relative to the row's baseline
 * (the first row unless a row names another with `baseline`), then any extra columns the rows carry.
 *
 * @param {string} title
 * @param {Array<{ name: string, result: Awaited<ReturnType<typeof import('./measure.mjs').measure>>,
 *   baseline?: string, extra?: Record<string, string | number> }>} rows
 * @param {string[]} [notes] lines printed under the table
 * @param {{ tail?: 'p95' | 'p99', labels?: { ops?: string, lanes?: string, rate?: string } }} [options] the tail
 *   percentile shown (results carry it under that name), and other names for the count, lanes and rate columns
 */
export function printTable(title, rows, notes = [], { tail = 'p95', labels = {} } = {}) {
  const byName = new Map(rows.map((row) => [row.name, row]));
  const baselines = new Set(rows.map((row) => row.baseline ?? rows[0].name));
  const extraKeys = [...new Set(rows.flatMap((row) => Object.keys(row.extra ?? {})))];
  const header = ['case', labels.ops ?? 'ops', labels.lanes ?? 'lanes', labels.rate ?? 'ops/s', 'p50 ms', `${tail} ms`, 'vs baseline', ...extraKeys];
  const body = rows.map((row) => {
    const { result } = row;
    const base = byName.get(row.baseline ?? rows[0].name)?.result;
    const ratio = baselines.has(row.name) ? 'baseline' : formatRatio(result.opsPerSec / base.opsPerSec);
    const failed = Object.entries(result.failures).map(([code, n]) => `${n} ${code}`).join(', ');
    return [
      row.name + (failed ? ` [failed: ${failed}]` : ''),
      String(result.iterations),
      String(result.concurrency),
      formatRate(result.opsPerSec),
      result.p50.toFixed(3),
      result[tail].toFixed(3),
      ratio,
      ...extraKeys.map((key) => String(row.extra?.[key] ?? '')),
    ];
  });
  printCells(title, header, body, notes);
}

/** Prints why a part of a benchmark did not run. */
export function printSkipped(title, reason) {
  process.stdout.write(`\n### ${title}\n\nSKIPPED: ${reason}\n\n`);
}

/** Two decimals, or two significant digits below 0.1 (0.015×), so that small ratios stay readable. */
export function formatRatio(ratio) {
  return `${ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2)}×`;
}

function formatRate(perSecond) {
  return perSecond >= 100 ? Math.round(perSecond).toLocaleString('en-US') : perSecond.toFixed(1);
}

/**
 * Prints a table of ready-made cells in the same layout as {@link printTable}: the first column left-aligned, the
 * others right-aligned.
 *
 * @param {string} title
 * @param {string[]} header
 * @param {string[][]} rows
 * @param {string[]} [notes] lines printed under the table
 */
export function printCells(title, header, rows, notes = []) {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)));
  const line = (cells) => `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
  const out = [
    '',
    `### ${title}`,
    '',
    line(header),
    `|${widths.map((width, column) => (column === 0 ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`)).join('|')}|`,
    ...rows.map(line),
    ...(notes.length === 0 ? [] : ['', ...notes]),
    '',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}
