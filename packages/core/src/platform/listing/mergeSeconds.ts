/** A second present in one or more of several lists, and which of them (by their index in the input) hold it. */
export interface MergedSecond {
  readonly second: string;
  readonly sources: readonly number[];
}

/**
 * Merges several lists' non-empty seconds, each given in order, into one walk in order (ADR 0021's buckets), reading
 * each list only as far as the walk goes: a delivery log filtered by several types walks each type's seconds at once.
 */
export async function* mergeSeconds(lists: ReadonlyArray<AsyncIterable<string>>): AsyncGenerator<MergedSecond> {
  const iterators = lists.map((list) => list[Symbol.asyncIterator]());
  const heads = await Promise.all(iterators.map((iterator) => iterator.next()));
  try {
    for (;;) {
      const live = heads.map((head, index) => ({ head, index })).filter(({ head }) => head.done !== true);
      if (live.length === 0) return;
      const second = live.map(({ head }) => head.value as string).reduce((first, value) => (value < first ? value : first));
      const sources = live.filter(({ head }) => head.value === second).map(({ index }) => index);
      yield { second, sources };
      for (const index of sources) heads[index] = await iterators[index]!.next();
    }
  } finally {
    // An early stop (the walk has its page) closes the lists still open, so their generators end their reads.
    const open = iterators.filter((_, index) => heads[index]?.done !== true);
    await Promise.all(open.map(async (iterator) => {
      await iterator.return?.();
    }));
  }
}
