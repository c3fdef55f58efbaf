/** An inclusive range on an ISO-8601 field; ISO-8601 UTC strings from `toISOString` sort as their instants do. */
export function timeRange(from: string | undefined, to: string | undefined): { $gte?: string; $lte?: string } | undefined {
  if (from === undefined && to === undefined) return undefined;
  return { ...(from === undefined ? {} : { $gte: from }), ...(to === undefined ? {} : { $lte: to }) };
}
