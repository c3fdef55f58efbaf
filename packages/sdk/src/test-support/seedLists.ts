/**
 * Test support: reads an enum list out of a seed copy — the run of `NAME,` lines after `Available options:` that
 * follows a field's name (seed 001's layout), or a comma-separated run from `first` to `last` on one line (seed 002's).
 */

/** Seed 001's layout: the options listed one per line after `field` … `Available options:`. */
export function optionsAfter(text: string, field: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line, index) => line.trim() === field && lines.slice(index, index + 12).some((l) => l.trim() === 'Available options:'));
  if (start < 0) throw new Error(`No options listed for ${field}.`);
  const from = lines.findIndex((line, index) => index > start && line.trim() === 'Available options:');
  const options: string[] = [];
  for (const line of lines.slice(from + 1)) {
    const match = /^([A-Z_]+),?$/.exec(line.trim());
    if (match === null) break;
    options.push(match[1]!);
  }
  return options;
}

/** Seed 002's layout: `first, …, last` within one line. */
export function inlineList(text: string, first: string, last: string): string[] {
  const start = text.indexOf(`${first}, `);
  const end = text.indexOf(last, start);
  if (start < 0 || end < 0) throw new Error(`No list from ${first} to ${last}.`);
  return text.slice(start, end + last.length).split(',').map((name) => name.trim());
}
