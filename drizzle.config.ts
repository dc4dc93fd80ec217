import { defineConfig } from 'drizzle-kit';

// One schema, one numbered migration set, applied unchanged to PGlite and PostgreSQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/platform/db/schema.ts',
  out: './migrations',
  migrations: { prefix: 'index' },
});
