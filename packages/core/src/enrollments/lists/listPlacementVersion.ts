/**
 * The version of what an instance's list counts and keys an enrollment by: its facets (`listFacetsOf`, with
 * `countedTagsOf`), its search keys (`searchKeysOf`) and the stores' keys built from them. Bump it in the same change
 * as any of those: a store opened on data placed under an older version places every enrollment again (ADR 0017,
 * third addendum), so that filters and totals count what the new code counts.
 *
 * 1. Status, tags and deletion (ADR 0017).
 * 2. Participation state and manufacturers counted, search keys kept (ADR 0017, first addendum, issue 21).
 * 3. The due deadline counted as a tag (ADR 0017, second addendum, issue 21).
 */
export const LIST_PLACEMENT_VERSION = 3;
