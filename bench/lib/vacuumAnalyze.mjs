// After a bench's bulk seed on FerretDB on PostgreSQL: what autovacuum would soon do on its own.
import pg from 'pg';

/**
 * VACUUM ANALYZE on the database FerretDB keeps its data in: fresh statistics (a table last analysed empty leads the
 * planner to a `workspaceId` index), and the GIN indexes' pending lists merged (until then every indexed lookup scans
 * them, up to 4 MB after a million inserts). Without it, a bench times the minutes after a bulk load, not the store.
 */
export async function vacuumAnalyze(postgresUrl) {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}
