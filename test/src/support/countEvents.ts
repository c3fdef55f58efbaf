/** An answer of the API, as the specs' clients give it. */
interface Answer {
  readonly status: number;
  readonly body: { readonly data: readonly unknown[]; readonly hasMore?: boolean; readonly nextCursor?: string };
}

/**
 * How many events of one type the workspace holds: `GET /events` walked in its cursor form to the end. The page form
 * gives totals only on a list's last page (ADR 0021), and a walk counts each event once, which is what "no row
 * twice" asks.
 */
export async function countEvents(get: (path: string) => Promise<Answer>, type: string): Promise<number> {
  let count = 0;
  for (let after: string | undefined; ; ) {
    const answer = await get(`/events?type=${type}&limit=100${after === undefined ? '' : `&after=${encodeURIComponent(after)}`}`);
    if (answer.status !== 200) throw new Error(`GET /events answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    count += answer.body.data.length;
    if (answer.body.hasMore !== true || answer.body.nextCursor === undefined) return count;
    after = answer.body.nextCursor;
  }
}
