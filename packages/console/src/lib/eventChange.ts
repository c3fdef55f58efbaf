/** The longest text a before/after cell shows; the whole event is in `GET /events`. */
const LONGEST = 140;

/** What an event changed, as two short texts: before and after (status moves, data changes, participation moves). */
export function eventChange(data: Record<string, unknown>): { before: string; after: string } {
  const show = (value: unknown): string => {
    const text = full(value);
    return text.length > LONGEST ? `${text.slice(0, LONGEST - 1)}…` : text;
  };
  const full = (value: unknown): string => {
    if (value === undefined || value === null) return '';
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value === 'object' && 'state' in value) return String((value).state);
    return JSON.stringify(value);
  };
  if ('from' in data || 'to' in data) return { before: show(data.from), after: show(data.to) + (typeof data.reason === 'string' ? ` (${data.reason})` : '') };
  if ('previous' in data || 'changes' in data) return { before: show(data.previous), after: show(data.changes) };
  if ('reason' in data) return { before: '', after: show(data.reason) };
  return { before: '', after: '' };
}
