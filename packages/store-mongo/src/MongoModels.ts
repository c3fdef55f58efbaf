import { customerMailItemSchema } from './schemas/customerMailSchemas.js';
import type { Connection, Model, Schema } from 'mongoose';
import type { StoredDocument } from './documents/StoredDocument.js';
import { limitQueryTime } from './documents/queryTimeLimit.js';
import { apiKeySchema } from './schemas/apiKeySchema.js';
import { memberSchema } from './schemas/memberSchema.js';
import { sessionSchema } from './schemas/sessionSchema.js';
import { claimSchema } from './schemas/claimSchema.js';
import { customerSchema } from './schemas/customerSchema.js';
import { deadlineSchema } from './schemas/deadlineSchema.js';
import { enrollmentEventSchema } from './schemas/enrollmentEventSchema.js';
import { enrollmentSchema } from './schemas/enrollmentSchema.js';
import { idempotencyRecordSchema } from './schemas/idempotencyRecordSchema.js';
import { leadSchema } from './schemas/leadSchema.js';
import { listBucketSchema } from './schemas/listBucketSchema.js';
import { programInstanceSchema } from './schemas/programInstanceSchema.js';
import { programSchema } from './schemas/programSchema.js';
import { workspaceSchema } from './schemas/workspaceSchema.js';
import { rateCountSchema } from './schemas/rateCountSchema.js';
import { workspaceEventSchema } from './schemas/workspaceEventSchema.js';
import { operatorReferenceSchema } from './schemas/operatorReferenceSchema.js';
import { operatorEventIdSchema } from './schemas/operatorEventIdSchema.js';
import { adapterOutboxItemSchema } from './schemas/adapterOutboxSchemas.js';
import { eligibilityRuleVersionSchema } from './schemas/eligibilityRuleVersionSchema.js';
import { jobChunkSchema, jobResultSchema, jobSchema } from './schemas/jobSchemas.js';
import { listCountsSchema, listLedgerEntrySchema } from './lists/listSchemas.js';
import { cursorSchema, deliveryAttemptSchema, webhookEndpointSchema, webhookMessageSchema } from './schemas/webhookSchemas.js';

const SCHEMAS = {
  Workspace: workspaceSchema,
  ApiKey: apiKeySchema,
  Member: memberSchema,
  Session: sessionSchema,
  Program: programSchema,
  ProgramInstance: programInstanceSchema,
  Customer: customerSchema,
  Lead: leadSchema,
  EnrollmentEvent: enrollmentEventSchema,
  WorkspaceEvent: workspaceEventSchema,
  Enrollment: enrollmentSchema,
  EnrollmentListLedger: listLedgerEntrySchema,
  EnrollmentListCounts: listCountsSchema,
  Claim: claimSchema,
  IdempotencyRecord: idempotencyRecordSchema,
  OperatorReference: operatorReferenceSchema,
  OperatorEventId: operatorEventIdSchema,
  AdapterOutboxItem: adapterOutboxItemSchema,
  CustomerMailItem: customerMailItemSchema,
  EligibilityRuleVersion: eligibilityRuleVersionSchema,
  Job: jobSchema,
  JobChunk: jobChunkSchema,
  JobResult: jobResultSchema,
  WebhookEndpoint: webhookEndpointSchema,
  WebhookMessage: webhookMessageSchema,
  DeliveryAttempt: deliveryAttemptSchema,
  Cursor: cursorSchema,
  ListBucket: listBucketSchema,
  Deadline: deadlineSchema,
  RateCount: rateCountSchema,
} as const satisfies Record<string, Schema>;

/** One mongoose model per collection, on one connection. */
export type MongoModels = { readonly [Name in keyof typeof SCHEMAS]: Model<StoredDocument> };

// Before any model is compiled: every query of every model carries the store's time limit.
for (const schema of Object.values(SCHEMAS)) limitQueryTime(schema);

/** The store's models on a connection, compiled once per connection and reused after that. */
export function mongoModels(connection: Connection): MongoModels {
  const entries = Object.entries(SCHEMAS).map(([name, schema]) => [name, connection.models[name] ?? connection.model(name, schema)]);
  return Object.fromEntries(entries) as MongoModels;
}

/**
 * Creates every collection and every index the schemas declare, and waits for them (DESIGN §3: the store creates
 * its indexes on start). The unique indexes are the store's concurrency guards, so this must finish before the
 * store takes writes; creating what already exists is a no-op.
 */
export async function createMongoIndexes(connection: Connection): Promise<void> {
  // One collection at a time: this runs once per start, and FerretDB on SQLite serialises DDL anyway.
  for (const model of Object.values(mongoModels(connection))) {
    await model.createCollection();
    await model.createIndexes();
  }
}
