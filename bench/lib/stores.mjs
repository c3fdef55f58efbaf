// The stores a benchmark runs on: the embedded store always, MongoDB when one is available.
import { createMemoryStore, memoryStoreModule } from '@flexroll/store-memory';
import { describeServer, openMongoBenchStore } from './mongo.mjs';
import { printSkipped } from './report.mjs';

/** The embedded store; `module()` binds the same data each call. */
export function openMemoryBenchStore() {
  const data = createMemoryStore();
  return { name: 'store-memory', module: () => memoryStoreModule(data), close: async () => {} };
}

/**
 * Runs `body(kind, label, fresh)` on the embedded store, then on MongoDB if `mongo` has a URI (else prints why
 * not). `kind` is 'memory' or 'mongo', for picking iteration counts; `fresh()` opens an empty store of that kind
 * (on MongoDB a database of its own), and every store it opened is closed (and dropped) after the body.
 */
export async function onEachStore(title, mongo, body) {
  await withStores(async () => openMemoryBenchStore(), async (fresh) => body('memory', 'store-memory', fresh));
  if (mongo?.uri === undefined) {
    printSkipped(`${title} — store-mongo`, mongo?.skipReason ?? 'no MongoDB was provided');
    return;
  }
  const tag = title.replace(/\W+/g, '_').toLowerCase().slice(0, 12);
  await withStores(() => openMongoBenchStore(mongo, tag), async (fresh) => {
    const probe = await fresh();
    await body('mongo', `store-mongo on ${await describeServer(probe.connection)}`, fresh);
  });
}

async function withStores(open, body) {
  const opened = [];
  try {
    await body(async () => {
      const store = await open();
      opened.push(store);
      return store;
    });
  } finally {
    for (const store of opened) await store.close();
  }
}
