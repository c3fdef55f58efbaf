import 'reflect-metadata';
import { describeStoreConformance } from '@flexroll/core/testing';
import { createMemoryStore, memoryStoreModule } from './memoryStoreModule.js';

describeStoreConformance('store-memory', async () => {
  const store = createMemoryStore();
  return { module: () => memoryStoreModule(store), close: async () => {} };
});
