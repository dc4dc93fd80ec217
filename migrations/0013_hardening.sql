CREATE TABLE "event_sources" (
	"source" text PRIMARY KEY NOT NULL,
	"owner" text NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- One subject key form everywhere (identifiers/keys.ts subjectKey): hand entries and upstream pushes were keyed
-- 'phone:…' / 'id:…', the engine 'p:…' / 'i:…'. A renamed open warning that would meet an open one of the other
-- form keeps its old key (closing either one ends the duplicate; the unique index of open warnings holds).
UPDATE "warnings" w SET "subject_key" = 'p:' || substring(w."subject_key" from 7)
WHERE w."subject_key" LIKE 'phone:%'
  AND (w."status" = 'closed' OR NOT EXISTS (SELECT 1 FROM "warnings" o WHERE o."subject_key" = 'p:' || substring(w."subject_key" from 7) AND o."status" <> 'closed'));--> statement-breakpoint
UPDATE "warnings" w SET "subject_key" = 'i:' || substring(w."subject_key" from 4)
WHERE w."subject_key" LIKE 'id:%'
  AND (w."status" = 'closed' OR NOT EXISTS (SELECT 1 FROM "warnings" o WHERE o."subject_key" = 'i:' || substring(w."subject_key" from 4) AND o."status" <> 'closed'));
--> statement-breakpoint
DROP INDEX "residents_id_number_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "residents_unit_id_number_uq" ON "residents" USING btree ("unit_id","id_number");--> statement-breakpoint
CREATE INDEX "residents_id_number_idx" ON "residents" USING btree ("id_number");