import 'reflect-metadata';
import manual from '@flexroll/plugin-manual';
import { describeStoreConformance } from '@flexroll/core/testing';
import { createMemoryStore, memoryStoreModule } from './memoryStoreModule.js';

describeStoreConformance('store-memory', async () => {
  const store = createMemoryStore();
  return { module: () => memoryStoreModule(store), adapters: [manual], close: async () => {} };
});
