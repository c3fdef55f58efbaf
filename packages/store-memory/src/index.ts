export { createMemoryStore, memoryStoreModule, type MemoryStore } from './memoryStoreModule.js';
