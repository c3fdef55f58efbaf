import { randomBytes } from 'node:crypto';

/** The stores the black-box tests run on: the embedded one always, MongoDB when the test runner provided one. */
export interface StoreChoice {
  readonly name: 'embedded' | 'mongodb';
  /** Why this store is skipped here, or undefined when it runs. */
  readonly skipReason?: string;
  /** A MongoDB URI with a database of its own, or undefined for the embedded store. */
  uri(): string | undefined;
}

export const STORES: readonly StoreChoice[] = [
  { name: 'embedded', uri: () => undefined },
  {
    name: 'mongodb',
    ...(process.env.MONGODB_URI ? {} : { skipReason: process.env.FLEXROLL_MONGO_SKIP_REASON ?? 'MONGODB_URI is not set' }),
    uri: () => process.env.MONGODB_URI,
  },
];

/** A database name no other run uses. */
export function freshDbName(label: string): string {
  return `flexroll_${label}_${randomBytes(4).toString('hex')}`;
}

/** Declares a suite once per store; a store that cannot run here shows as one skipped test with the reason. */
export function describeOnEachStore(title: string, body: (store: StoreChoice) => void): void {
  for (const store of STORES) {
    describe(`${title} [${store.name} store]`, function () {
      if (store.skipReason !== undefined) {
        it.skip(`skipped: ${store.skipReason}`, () => {});
        return;
      }
      body(store);
    });
  }
}
