import { FlexrollError } from '@flexroll/sdk';

/** The phases an adapter passes through on loading, in order; a failure names its phase. */
export type AdapterLoadPhase = 'resolve' | 'export' | 'manifest' | 'sdk-version' | 'duplicate';

/** An adapter that cannot be loaded. Its message is one line naming the adapter, the phase and the problem. */
export class AdapterLoadError extends FlexrollError {
  constructor(readonly specifier: string, readonly phase: AdapterLoadPhase, problem: string, cause?: unknown) {
    super('adapter', `adapter_load_${phase.replace('-', '_')}`, `Adapter '${specifier}' failed to load (${phase}): ${problem}`, { cause });
  }
}
