/**
 * A list's items by the second they fall in (ADR 0021), the seconds kept in order: a walk from a second finds its
 * place by binary search and reads bucket after bucket, so a window costs what it returns and the one bucket it
 * stops in, not the list's size. Items arrive mostly in time order, so a new second is usually appended.
 * A bucket's name may be finer than a second if it begins with it and names sort as their items do (the event list
 * buckets by instant and enrollment, `eventListLeafOf`): a walk from a second then starts at its first finer bucket.
 */
export class SecondBuckets<T> {
  readonly #seconds: string[] = [];
  readonly #buckets = new Map<string, T[]>();

  add(second: string, item: T): void {
    const bucket = this.#buckets.get(second);
    if (bucket !== undefined) {
      bucket.push(item);
      return;
    }
    this.#buckets.set(second, [item]);
    const last = this.#seconds[this.#seconds.length - 1];
    if (last === undefined || last < second) this.#seconds.push(second);
    else this.#seconds.splice(this.#firstAtOrAfter(second), 0, second);
  }

  /** Takes an item out of its second (the second stays, perhaps empty: a walk passes over it). */
  remove(second: string, item: T): void {
    const bucket = this.#buckets.get(second);
    const index = bucket?.indexOf(item) ?? -1;
    if (index >= 0) bucket!.splice(index, 1);
  }

  /** The buckets from `start` (a second, or the first) on, in order; read lazily, so a walk stops where it ends. */
  *from(start: string | undefined): Generator<readonly T[]> {
    for (let index = start === undefined ? 0 : this.#firstAtOrAfter(start); index < this.#seconds.length; index++) {
      yield this.#buckets.get(this.#seconds[index]!) ?? [];
    }
  }

  /** The non-empty seconds from `start` (a second, or the first) on, in order, lazily. */
  *secondsFrom(start: string | undefined): Generator<string> {
    for (let index = start === undefined ? 0 : this.#firstAtOrAfter(start); index < this.#seconds.length; index++) yield this.#seconds[index]!;
  }

  /** The items of one second. */
  at(second: string): readonly T[] {
    return this.#buckets.get(second) ?? [];
  }

  #firstAtOrAfter(second: string): number {
    let low = 0;
    let high = this.#seconds.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#seconds[middle]! < second) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
