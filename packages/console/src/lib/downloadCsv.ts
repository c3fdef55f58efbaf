/** What a CSV cell holds. */
type CsvValue = string | number | boolean | null | undefined;

/** One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(value: CsvValue): string {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Saves rows as a CSV file the browser downloads: built here from data the console already read through the API
 * (a Blob URL, which the page's content policy allows for a download; nothing is sent anywhere).
 */
export function downloadCsv(fileName: string, header: readonly string[], rows: readonly (readonly CsvValue[])[]): void {
  const text = [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
