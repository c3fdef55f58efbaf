import { STORE_TOKENS } from '@flexroll/core';
import { ContainerModule } from 'inversify';
import type { Connection } from 'mongoose';
import { mongoRepositories } from './mongoRepositories.js';

/**
 * Binds every repository port to its MongoDB implementation on a connection. Indexes are not built here:
 * `openMongoStore` builds them; on a connection made elsewhere, `await createMongoIndexes(connection)` first,
 * since the unique indexes are what makes concurrent writes safe.
 *
 * @example
 * const store = await openMongoStore(process.env.MONGODB_URI!, { dbName: 'flexroll' });
 * const container = new Container();
 * await container.load(store.module, coreModule());
 */
export function mongoStoreModule(connection: Connection): ContainerModule {
  const repositories = mongoRepositories(connection);
  return new ContainerModule(({ bind }) => {
    bind(STORE_TOKENS.workspaces).toConstantValue(repositories.workspaces);
    bind(STORE_TOKENS.apiKeys).toConstantValue(repositories.apiKeys);
    bind(STORE_TOKENS.members).toConstantValue(repositories.members);
    bind(STORE_TOKENS.sessions).toConstantValue(repositories.sessions);
    bind(STORE_TOKENS.programs).toConstantValue(repositories.programs);
    bind(STORE_TOKENS.programInstances).toConstantValue(repositories.programInstances);
    bind(STORE_TOKENS.customers).toConstantValue(repositories.customers);
    bind(STORE_TOKENS.leads).toConstantValue(repositories.leads);
    bind(STORE_TOKENS.events).toConstantValue(repositories.events);
    bind(STORE_TOKENS.workspaceEvents).toConstantValue(repositories.workspaceEvents);
    bind(STORE_TOKENS.enrollments).toConstantValue(repositories.enrollments);
    bind(STORE_TOKENS.claims).toConstantValue(repositories.claims);
    bind(STORE_TOKENS.idempotency).toConstantValue(repositories.idempotency);
    bind(STORE_TOKENS.operatorReferences).toConstantValue(repositories.operatorReferences);
    bind(STORE_TOKENS.operatorEventIds).toConstantValue(repositories.operatorEventIds);
    bind(STORE_TOKENS.adapterOutbox).toConstantValue(repositories.adapterOutbox);
    bind(STORE_TOKENS.customerMails).toConstantValue(repositories.customerMails);
    bind(STORE_TOKENS.eligibilityRules).toConstantValue(repositories.eligibilityRules);
    bind(STORE_TOKENS.jobs).toConstantValue(repositories.jobs);
    bind(STORE_TOKENS.eventFeed).toConstantValue(repositories.eventFeed);
    bind(STORE_TOKENS.webhookEndpoints).toConstantValue(repositories.webhookEndpoints);
    bind(STORE_TOKENS.webhookMessages).toConstantValue(repositories.webhookMessages);
    bind(STORE_TOKENS.deliveryAttempts).toConstantValue(repositories.deliveryAttempts);
    bind(STORE_TOKENS.cursors).toConstantValue(repositories.cursors);
    bind(STORE_TOKENS.rateCounts).toConstantValue(repositories.rateCounts);
    bind(STORE_TOKENS.deadlines).toConstantValue(repositories.deadlines);
  });
}
