// `npm run db:migrate`: applies pending migrations to the database named by the environment.
import { readConfig } from '../config.ts';
import { openDatabase } from './database.ts';
import { migrateDatabase } from './migrate.ts';

const config = readConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
const applied = await migrateDatabase(database);
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'up to date');
await database.close();
