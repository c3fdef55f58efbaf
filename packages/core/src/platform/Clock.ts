/** The time source. Injected so tests and sweeps can move time on. */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that only moves when told to; for tests and simulations. */
export class ManualClock implements Clock {
  #now: Date;
  constructor(start: Date | string = '2023-11-07T05:31:56Z') {
    this.#now = new Date(start);
  }
  now(): Date {
    return new Date(this.#now);
  }
  set(time: Date | string): void {
    this.#now = new Date(time);
  }
  advance(milliseconds: number): void {
    this.#now = new Date(this.#now.getTime() + milliseconds);
  }
}
