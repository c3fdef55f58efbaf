import { FlexrollError } from '@flexroll/sdk';

/** The phases an adapter passes through on loading, in order; a failure names its phase. */
export type AdapterLoadPhase = 'resolve' | 'export' | 'manifest' | 'sdk-version' | 'duplicate';

/**
 * An adapter that cannot be loaded. Its message is one line naming the adapter, the phase and every problem found
 * in it (each naming its field), separated by `; `; `problems` lists them one by one.
 */
export class AdapterLoadError extends FlexrollError {
  readonly problems: readonly string[];

  constructor(readonly specifier: string, readonly phase: AdapterLoadPhase, problems: string | readonly string[], cause?: unknown) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super('adapter', `adapter_load_${phase.replace('-', '_')}`, `Adapter '${specifier}' failed to load (${phase}): ${list.join('; ')}`, { cause });
    this.problems = list;
  }
}
