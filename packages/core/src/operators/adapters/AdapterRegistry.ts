import { InputError, type OperatorAdapter } from '@flexroll/sdk';

/** The loaded adapters by id; a program instance names one of them. */
export class AdapterRegistry {
  readonly #adapters = new Map<string, OperatorAdapter>();

  constructor(adapters: readonly OperatorAdapter[]) {
    for (const adapter of adapters) this.#adapters.set(adapter.manifest.id, adapter);
  }

  /** Whether an adapter with this id is loaded (a worker skips instances of adapters it does not load). */
  has(id: string): boolean {
    return this.#adapters.has(id);
  }

  ids(): string[] {
    return [...this.#adapters.keys()];
  }

  /** The adapter, or an InputError naming `/adapter/adapterId` and the ids that are loaded. */
  get(id: string): OperatorAdapter {
    const adapter = this.#adapters.get(id);
    if (adapter === undefined) {
      throw new InputError(`No adapter '${id}' is loaded; loaded: ${this.ids().join(', ') || 'none'}`, [
        { field: '/adapter/adapterId', rule: 'loaded', message: `must be one of: ${this.ids().join(', ') || 'none'}` },
      ]);
    }
    return adapter;
  }
}
