import type { SchemaOptions } from 'mongoose';

/**
 * Options every schema shares. Documents are stored as the domain gives them: no version key, empty objects
 * kept (`metadata: {}` reads back as `{}`), and fields not declared here kept too (`strict: false`), so a
 * field the domain adds later is never silently dropped. Index building is left to the connection's `autoIndex`;
 * `openMongoStore` turns it off and builds every index before it returns (`createMongoIndexes`).
 */
export function schemaOptions(collection: string): SchemaOptions {
  return { collection, versionKey: false, minimize: false, strict: false, id: false };
}

/** An optional string array: absent stays absent (mongoose would otherwise default an array to `[]`). */
export const optionalStrings = { type: [String], default: undefined } as const;
