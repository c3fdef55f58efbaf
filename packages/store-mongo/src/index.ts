/**
 * @flexroll/store-mongo — the MongoDB store on mongoose: every repository port of @flexroll/core, guarded by
 * unique-index inserts only, so that it behaves the same on MongoDB and on FerretDB v1 (DESIGN §3).
 */
import 'reflect-metadata';

export { mongoStoreModule } from './mongoStoreModule.js';
export { dropDatabase, openMongoStore, type MongoStore, type MongoStoreOptions } from './openMongoStore.js';
export { createMongoIndexes, mongoModels, type MongoModels } from './MongoModels.js';
export { addFerretDbPostgresIndexes } from './ferretdb/addFerretDbPostgresIndexes.js';
export { mongoRepositories, type MongoRepositories } from './mongoRepositories.js';
export { isDuplicateKeyError } from './documents/isDuplicateKeyError.js';
export type { StoredDocument } from './documents/StoredDocument.js';
export { MongoApiKeyRepository } from './repositories/MongoApiKeyRepository.js';
export { MongoClaimRepository } from './repositories/MongoClaimRepository.js';
export { MongoCustomerRepository } from './repositories/MongoCustomerRepository.js';
export { MongoEnrollmentEventRepository } from './repositories/MongoEnrollmentEventRepository.js';
export { MongoEnrollmentProjectionRepository } from './repositories/MongoEnrollmentProjectionRepository.js';
export { MongoIdempotencyRepository } from './repositories/MongoIdempotencyRepository.js';
export { MongoLeadRepository } from './repositories/MongoLeadRepository.js';
export { MongoProgramInstanceRepository } from './repositories/MongoProgramInstanceRepository.js';
export { MongoProgramRepository } from './repositories/MongoProgramRepository.js';
export { MongoWorkspaceRepository } from './repositories/MongoWorkspaceRepository.js';
