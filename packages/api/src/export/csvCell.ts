/** A cell starting with one of these is a formula to a spreadsheet (OWASP's CSV injection list, with tab and CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell, RFC 4180: quoted when it holds a comma, a quote, CR or LF (quotes doubled inside), and made inert for a
 * spreadsheet — a cell starting with `=`, `+`, `-`, `@` (or a tab or CR) gets a leading `'`, so that opening the
 * export never runs a formula a customer typed into a name. A negative number reads as text in the spreadsheet then;
 * the export holds no numeric column where that matters.
 */
export function csvCell(value: string): string {
  const inert = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

/** One CSV record, ended by CRLF as RFC 4180 has it. */
export function csvRecord(values: readonly string[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
