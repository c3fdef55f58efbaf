/**
 * Test support: reads the pipe tables out of a seed copy. A table starts at a line ending in a header such as
 * `State | Kind | Description | Customer-facing message |` (the seeds' copies lose some leading pipes, and some
 * headers follow text on the same line) and runs while its lines hold the same number of cells.
 */

/** One table: its header cells and its rows' cells, trimmed. */
export interface SeedTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

function cellsOf(line: string): string[] {
  const trimmed = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return trimmed.split('|').map((cell) => cell.trim());
}

/** Every table of the text whose header is exactly `header`, in order. */
export function seedTables(text: string, header: readonly string[]): SeedTable[] {
  const marker = `${header.join(' | ')} |`;
  const lines = text.split('\n');
  const tables: SeedTable[] = [];
  lines.forEach((line, index) => {
    if (!line.trimEnd().endsWith(marker)) return;
    const rows: string[][] = [];
    for (const next of lines.slice(index + 1)) {
      if (/^\|(-+\|)+$/.test(next.trim())) continue;
      const cells = cellsOf(next);
      if (!next.includes('|') || cells.length !== header.length) break;
      rows.push(cells);
    }
    tables.push({ header, rows });
  });
  return tables;
}
