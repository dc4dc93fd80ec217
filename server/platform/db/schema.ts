// The schema registry: every module's tables, for drizzle's typed queries and for drizzle-kit's migrations.
export * from '../../modules/org/schema.ts';
export * from '../../modules/users/schema.ts';
export * from '../../modules/tokens/schema.ts';
export * from '../../modules/audit/schema.ts';
export * from '../../modules/residents/schema.ts';
export * from '../../modules/warnings/schema.ts';
export * from '../../modules/indicators/schema.ts';
export * from '../../modules/rules/schema.ts';
export * from '../../modules/dissuasion/schema.ts';
export * from '../../modules/ingest/schema.ts';
export * from '../../modules/fraud-types/schema.ts';
