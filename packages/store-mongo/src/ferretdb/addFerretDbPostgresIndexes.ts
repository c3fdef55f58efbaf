import type { Connection, Schema } from 'mongoose';
import pg from 'pg';
import { mongoModels } from '../MongoModels.js';

/**
 * Indexes that FerretDB v1's own queries can use when it runs on PostgreSQL.
 *
 * FerretDB v1 stores each collection as a PostgreSQL table of `_jsonb` documents and creates every MongoDB index
 * as a B-tree on `(_jsonb -> 'field')`. But it sends each equality condition it pushes down as
 * `(_jsonb -> 'field') @> value`, and `@>` is not a B-tree operator: every query, `_id` lookups included, is a
 * sequential scan (seen with EXPLAIN: 72 `findOne({ _id })`/s on a 20,000-document collection against 700/s on a
 * tiny one). A GIN index with `jsonb_path_ops` on the same expressions answers `@>`, so this adds one per MongoDB
 * index (and one for `_id`), on the top-level fields only: FerretDB v1 pushes down nothing else.
 *
 * It also sets `plan_cache_mode = force_custom_plan` on the database. FerretDB passes field names as parameters
 * (`_jsonb -> $1 @> $2`) through cached prepared statements, and after five runs PostgreSQL may switch such a
 * statement to a generic plan, which can never match an expression index. New connections pick the setting up;
 * starting FerretDB with `?plan_cache_mode=force_custom_plan` on its PostgreSQL URL sets it on every connection.
 *
 * Idempotent: every statement is `IF NOT EXISTS` or a plain setting, so any number of processes may run it at start
 * (a twin's concurrent write of the same catalogue row is ignored: ignoringConcurrentTwin).
 *
 * @param postgresUrl the PostgreSQL database FerretDB stores this connection's data in (FerretDB keeps each MongoDB
 *   database as a schema of that name in it).
 */
export async function addFerretDbPostgresIndexes(connection: Connection, postgresUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const schema = connection.name;
    const database = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]?.db;
    if (database !== undefined) await ignoringConcurrentTwin(client.query(`ALTER DATABASE ${quote(database)} SET plan_cache_mode = force_custom_plan`));
    let created = 0;
    for (const model of Object.values(mongoModels(connection))) {
      const table = await tableOf(client, schema, model.collection.collectionName);
      if (table === undefined) continue;
      for (const fields of indexedFieldSets(model.schema)) {
        const name = `flexroll_gin_${table}_${fields.join('_')}`.slice(0, 63);
        const expressions = fields.map((field) => `(_jsonb -> ${literal(field)}) jsonb_path_ops`).join(', ');
        await ignoringConcurrentTwin(client.query(`CREATE INDEX IF NOT EXISTS ${quote(name)} ON ${quote(schema)}.${quote(table)} USING gin (${expressions})`));
        created++;
      }
      await client.query(`ANALYZE ${quote(schema)}.${quote(table)}`);
    }
    return created;
  } finally {
    await client.end();
  }
}

/**
 * Processes that start together run the same statements at the same moment, and PostgreSQL's `IF NOT EXISTS` and
 * `ALTER DATABASE … SET` check before they write the catalogue: the slower twin fails on the catalogue's unique
 * index (23505, e.g. pg_db_role_setting_databaseid_rol_index) although the faster one did exactly its work. Seen
 * when three `flexroll serve` of a deployment started at once (test/src/support/Deployment.ts).
 */
async function ignoringConcurrentTwin(statement: Promise<unknown>): Promise<void> {
  try {
    await statement;
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
  }
}

/**
 * `_id`, and each index's top-level fields (FerretDB v1 pushes down no dotted field). A multi-column GIN index
 * serves any of its columns' conditions together, scanning the rarest first.
 */
export function indexedFieldSets(schema: Schema): string[][] {
  const sets = [['_id']];
  for (const [keys] of schema.indexes()) {
    const topLevel = Object.keys(keys).filter((field) => !field.includes('.'));
    if (topLevel.length > 0 && !sets.some((set) => set.join() === topLevel.join())) sets.push(topLevel);
  }
  return sets;
}

/** The PostgreSQL table FerretDB keeps a collection in, from its metadata table; undefined before the collection exists. */
async function tableOf(client: pg.Client, schema: string, collection: string): Promise<string | undefined> {
  const found = await client.query<{ table: string }>(
    `SELECT _jsonb ->> 'table' AS table FROM ${quote(schema)}._ferretdb_database_metadata WHERE _jsonb ->> '_id' = $1`,
    [collection],
  );
  return found.rows[0]?.table;
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
