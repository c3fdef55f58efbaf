import { startFerretDb } from '../scripts/ferretdb.mjs';
import { openMongoStore } from '@flexroll/store-mongo';
const server = await startFerretDb({});
console.log(server.backend, server.uri);
try {
  const store = await openMongoStore(server.uri, { dbName: 'cal', ferretDbPostgresUrl: server.postgresUrl });
  const N = 10000;
  const doc = (i) => ({ _id: `c${i.toString(36).padStart(24,'0')}`, workspaceId: 'ws_1', programInstanceId: 'cinst', identificationType: 'customerInfo', firstName: 'Suzie', lastName: 'Homeowner'+i, email: `s${i}@example.com`, phone: '+1234567890', address: { streetOne: '123 Main St', city: 'New York', state: 'NY', postalCode: '10001', country: 'USA' }, manufacturerSlugs: ['tesla','enphase'], referenceId: `REF-${i}`, tags: ['tag1'], eligibility: { status: 'candidate' }, seq: 1, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() });
  const time = async (label, fn) => { const t = Date.now(); await fn(); console.log(label, Date.now() - t, 'ms'); };
  const c = (n) => store.connection.collection(n);
  await c('a').insertOne({_id:'x'}); await c('b').insertOne({_id:'x'}); await c('s').insertOne({_id:'x'}); await c('t').insertOne({_id:'x'});
  await time('insertMany 10k enrollment docs (no idx)', async () => { for (let s = 0; s < N; s += 1000) await c('a').insertMany(Array.from({ length: 1000 }, (_, k) => doc(s + k)), { ordered: false }); });
  await time('insertMany 10k small docs (no idx)', async () => { for (let s = 0; s < N; s += 1000) await c('b').insertMany(Array.from({ length: 1000 }, (_, k) => ({ _id: 'e'+(s+k), enrollmentId: 'c'+(s+k), seq: 2, type: 'enrollment.status_changed', data: { from: 'candidate', to: 'eligible', reason: 'Meets the rules', ruleVersion: 1 } })), { ordered: false }); });
  const line = JSON.stringify(doc(1));
  await time('20 docs of 500 JSON strings', async () => { for (let k = 0; k < 20; k++) await c('s').insertOne({ _id: 'chunk'+k, lines: Array.from({length:500}, (_, j) => line.replace('Homeowner1', 'H'+j)) }); });
  await time('20 docs of one 500-line string', async () => { for (let k = 0; k < 20; k++) await c('t').insertOne({ _id: 'chunk'+k, text: Array.from({length:500}, (_, j) => line.replace('Homeowner1', 'H'+j)).join('\n') }); });
  await time('read 20 docs of 500 strings', async () => { for (let k = 0; k < 20; k++) await c('s').findOne({ _id: 'chunk'+k }); });
  await time('read 20 docs of one string', async () => { for (let k = 0; k < 20; k++) await c('t').findOne({ _id: 'chunk'+k }); });
  await time('find 10k enrollment docs', async () => { await c('a').find({}).toArray(); });
  await store.dropDatabase(); await store.close();
} finally { await server.stop(); }
