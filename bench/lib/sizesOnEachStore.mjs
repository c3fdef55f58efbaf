import { alternateSizes } from './alternateSizes.mjs';
import { describeServer, openMongoBenchStore, provideMongo } from './mongo.mjs';

/**
 * Seeds one store per size on each chosen store kind and times their cases with {@link alternateSizes}: the
 * embedded store (`seedEmbedded(size)`), then MongoDB (`seedMongo(store, size, mongo)`, each size in a database of
 * its own named `${databasePrefix}_${size}`), skipped with its reason when no MongoDB can be had. Each seed gives
 * its cases, a record of named functions that each read once.
 *
 * @returns {Promise<Map<string, Record<string, number>>>}  per `"<store> <size>"`, each case's median in milliseconds
 */
export async function sizesOnEachStore({ stores, sizes, repeat, databasePrefix, seedEmbedded, seedMongo }) {
  const results = new Map();
  if (stores.includes('embedded')) {
    const cases = [];
    for (const size of sizes) cases.push(await seedEmbedded(size));
    (await alternateSizes(cases, repeat)).forEach((medians, index) => results.set(`embedded ${sizes[index]}`, medians));
  }
  if (!stores.includes('mongo')) return results;
  const mongo = await provideMongo();
  if ('skipReason' in mongo) {
    console.log(`MongoDB store skipped: ${mongo.skipReason}`);
    return results;
  }
  const opened = [];
  try {
    const cases = [];
    for (const size of sizes) {
      const store = await openMongoBenchStore(mongo, `${databasePrefix}_${size}`);
      opened.push(store);
      if (size === sizes[0]) console.log(`MongoDB store: ${await describeServer(store.connection)} (${mongo.source})`);
      cases.push(await seedMongo(store, size, mongo));
    }
    (await alternateSizes(cases, repeat)).forEach((medians, index) => results.set(`mongo ${sizes[index]}`, medians));
  } finally {
    for (const store of opened) await store.close();
    await mongo.stop();
  }
  return results;
}
