import 'reflect-metadata';
import { serveRequest } from '@flexroll/core';
import { FlexrollError } from '@flexroll/sdk';
import { expect } from 'chai';
import { guardAvailability } from './documents/storeUnavailable.js';
import { mongoModels } from './MongoModels.js';
import type { MongoStore } from './openMongoStore.js';
import { openSpecStore } from './specs/openSpecStore.js';

const uri = process.env.MONGODB_URI;

/** What the driver is sent, per operation, as mongoose's debug hook sees it. */
interface SentOperation {
  readonly method: string;
  readonly options: Record<string, unknown> | undefined;
}

if (uri === undefined || uri === '') {
  describe('store-mongo: query time limits', () => {
    it.skip(`runs against MongoDB: skipped, ${process.env.FLEXROLL_MONGO_SKIP_REASON ?? 'MONGODB_URI is not set'}`);
  });
} else {
  describe('store-mongo: query time limits (ADR 0020)', function () {
    this.timeout(60_000);
    const stores: MongoStore[] = [];
    const open = async (queryTimeLimitMs: number, backgroundQueryTimeLimitMs = 60_000) => {
      const store = await openSpecStore(uri, 'time_limit', { queryTimeLimitMs, backgroundQueryTimeLimitMs });
      stores.push(store);
      return store;
    };
    const record = (store: MongoStore): SentOperation[] => {
      const sent: SentOperation[] = [];
      store.connection.set('debug', (_collection: string, method: string, ...args: unknown[]) => {
        const options = args.findLast((arg): arg is Record<string, unknown> => typeof arg === 'object' && arg !== null && !Array.isArray(arg) && 'maxTimeMS' in arg);
        sent.push({ method, options });
      });
      return sent;
    };
    after(async () => {
      for (const store of stores) {
        await store.dropDatabase();
        await store.close();
      }
    });

    it("sends every read and every query-shaped write of a request with the request's time limit as maxTimeMS", async () => {
      const store = await open(4_321, 98_765);
      const sent = record(store);
      const { Enrollment } = mongoModels(store.connection);
      await serveRequest({}, async () => {
        await Enrollment.find({ workspaceId: 'ws_a' }).sort({ _id: 1 }).skip(1).limit(2).lean();
        await Enrollment.findOne({ workspaceId: 'ws_a' }).lean();
        await Enrollment.countDocuments({ workspaceId: 'ws_a' });
        await Enrollment.aggregate([{ $match: { workspaceId: 'ws_a' } }]);
        await Enrollment.updateOne({ _id: 'nothing', workspaceId: 'ws_a' }, { $set: { status: 'x' } });
        await Enrollment.findOneAndUpdate({ _id: 'nothing', workspaceId: 'ws_a' }, { $set: { status: 'x' } });
        await Enrollment.deleteMany({ _id: 'nothing', workspaceId: 'ws_a' });
      });
      expect(sent.map(({ method, options }) => [method, options?.maxTimeMS])).to.deep.equal(
        ['find', 'findOne', 'countDocuments', 'aggregate', 'updateOne', 'findOneAndUpdate', 'deleteMany'].map((method) => [method, 4_321]),
      );
      await Enrollment.find({ workspaceId: 'ws_a' }).lean();
      await Enrollment.countDocuments({ workspaceId: 'ws_a' });
      expect(sent.slice(-2).map(({ options }) => options?.maxTimeMS), "outside a request: background work's limit").to.deep.equal([98_765, 98_765]);
      await Enrollment.distinct('status', { workspaceId: 'ws_a' });
      expect(sent.at(-1), 'distinct goes without one: FerretDB v1 refuses the field there').to.deep.equal({ method: 'distinct', options: undefined });
      const explicit = await serveRequest({}, () => Enrollment.find({ workspaceId: 'ws_a' }).maxTimeMS(60_000).lean());
      expect([explicit, sent.at(-1)?.options?.maxTimeMS], 'a limit the call sets itself is kept').to.deep.equal([[], 60_000]);
    });

    it('answers a query the server stopped at its time limit as 503 store_busy with Retry-After, not as an internal error', async () => {
      const store = await open(60_000, 1);
      const { Enrollment } = mongoModels(store.connection);
      const documents = Array.from({ length: 3_000 }, (_, n) => ({ _id: `enr_${n}`, workspaceId: 'ws_busy', status: 'enrolled', referenceId: `ref_${n}`, note: 'x'.repeat(200) }));
      await Enrollment.collection.insertMany(documents as never[]);
      const guarded = guardAvailability({ page: () => Enrollment.find({ workspaceId: 'ws_busy' }).sort({ referenceId: -1 }).skip(2_900).limit(10).lean() });
      const error = await guarded.page().then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(FlexrollError.is(error), `a FlexrollError, not ${String(error)}`).to.equal(true);
      const { kind, code, retryAfterSeconds } = error as FlexrollError;
      expect({ kind, code, retryAfterSeconds }).to.deep.equal({ kind: 'unavailable', code: 'store_busy', retryAfterSeconds: 2 });
    });

    it('starts no query for a caller that has gone', async () => {
      const store = await open(5_000);
      const sent = record(store);
      const { Enrollment } = mongoModels(store.connection);
      const guarded = guardAvailability({ page: () => Enrollment.find({ workspaceId: 'ws_gone' }).lean() });
      const gone = new AbortController();
      gone.abort(new Error('the client closed the connection'));
      const error = await serveRequest({ signal: gone.signal }, () => guarded.page()).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect([(error as Error | undefined)?.message, sent]).to.deep.equal(['the client closed the connection', []]);
      expect(await serveRequest({ signal: new AbortController().signal }, () => guarded.page()), 'a caller still waiting is served').to.deep.equal([]);
    });
  });
}
