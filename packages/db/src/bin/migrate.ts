/**
 * Brings the database up to date and seeds the demo tenant, then says what it did:
 * `npx tsx packages/db/src/bin/migrate.ts`. Uses DATABASE_URL when set, else PGlite in PARLEY_DATA_DIR (.data).
 */
import { openDatabase } from '../client';
import { seedDemo } from '../seed';

const database = await openDatabase();
try {
  console.log(`database: ${database.driver} at ${database.location}`);
  console.log(
    database.migrated > 0 ? `applied ${database.migrated} migration(s)` : 'schema already up to date',
  );
  const demo = await seedDemo(database);
  console.log(demo.created.length > 0 ? `seeded: ${demo.created.join(', ')}` : 'demo data already present');
  const shown = process.env.PARLEY_DEMO_PASSWORD ? '(the password in PARLEY_DEMO_PASSWORD)' : demo.password;
  console.log(`sign in to tenant "${demo.tenantSlug}" as ${demo.email} with ${shown}`);
} finally {
  await database.close();
}
