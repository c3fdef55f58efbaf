/**
 * An idempotent request (one `Idempotency-Key` of one API key), as the services see it. Records a request creates
 * take ids derived from `id`, and the events it appends carry a batch id derived from it, so that a retry of a
 * request that died half-way finds what the first attempt wrote instead of writing it a second time.
 */
export interface Operation {
  /** A hash of the key and its scope: the same for every attempt of one request, different for anything else. */
  readonly id: string;
  /** True when this attempt took over from one whose lease ran out: what that attempt wrote must be looked for. */
  readonly recovering: boolean;
}
