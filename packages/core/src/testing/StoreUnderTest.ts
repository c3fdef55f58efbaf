import type { ContainerModule } from 'inversify';

/** A store given to the conformance suite: a module binding its ports (the same data every call), and a way to close it. */
export interface StoreUnderTest {
  module(): ContainerModule;
  close(): Promise<void>;
}
