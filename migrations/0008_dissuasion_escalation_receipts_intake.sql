CREATE TABLE "case_intake_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"warning_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"subject" jsonb NOT NULL,
	"disposition" text NOT NULL,
	"loss" double precision NOT NULL,
	"loss_avoided" double precision,
	"note" text NOT NULL,
	"fraud_types" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"taken_at" timestamp with time zone,
	"case_ref" text,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sms_parts" (
	"message_id" text PRIMARY KEY NOT NULL,
	"attempt_id" text,
	"stat" text,
	"err" text,
	"receipt_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "victim_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"reference" text NOT NULL,
	"phone" text,
	"id_number" text,
	"defrauded_at" timestamp with time zone NOT NULL,
	"reported_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "warning_workflow" ADD COLUMN "escalation_level" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "warning_workflow" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "warning_workflow" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "warning_workflow" ADD COLUMN "escalation_reason" text;--> statement-breakpoint
ALTER TABLE "case_intake_requests" ADD CONSTRAINT "case_intake_requests_warning_id_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."warnings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_intake_requests" ADD CONSTRAINT "case_intake_requests_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_intake_status_idx" ON "case_intake_requests" USING btree ("status","requested_at");--> statement-breakpoint
CREATE INDEX "case_intake_warning_idx" ON "case_intake_requests" USING btree ("warning_id");--> statement-breakpoint
CREATE INDEX "sms_parts_attempt_idx" ON "sms_parts" USING btree ("attempt_id");--> statement-breakpoint
CREATE UNIQUE INDEX "victim_reports_ref_uq" ON "victim_reports" USING btree ("source","reference");--> statement-breakpoint
-- hand-written: warnings whose lifecycle had started before started_at existed (they have a timer or left `new`).
UPDATE "warning_workflow" wf SET "started_at" = now() WHERE EXISTS (SELECT 1 FROM "warning_timers" t WHERE t."warning_id" = wf."warning_id")
  OR EXISTS (SELECT 1 FROM "warnings" w WHERE w."id" = wf."warning_id" AND w."status" <> 'new');--> statement-breakpoint
-- hand-written: `escalated` was a state that forgot the phase; it is now a level on the workflow. A warning stored
-- as escalated gets level 1 and the phase its record implies, with a deadline due now so the scheduler acts on it.
INSERT INTO "warning_workflow" ("warning_id") SELECT "id" FROM "warnings" WHERE "status" = 'escalated' ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "warning_workflow" wf SET "escalation_level" = 1, "escalation_reason" = 'escalated (before migration 0008)'
  FROM "warnings" w WHERE w."id" = wf."warning_id" AND w."status" = 'escalated';--> statement-breakpoint
UPDATE "warnings" w SET "status" = CASE WHEN wf."signed_by" IS NOT NULL THEN 'contacting' WHEN w."routed" THEN 'dispatched' ELSE 'routing' END
  FROM "warning_workflow" wf WHERE wf."warning_id" = w."id" AND w."status" = 'escalated';--> statement-breakpoint
INSERT INTO "warning_timers" ("warning_id", "kind", "due_at", "sla_version")
  SELECT w."id", CASE WHEN w."status" = 'routing' THEN 'route' ELSE 'visit' END, now(), 'migration-0008'
  FROM "warnings" w JOIN "warning_workflow" wf ON wf."warning_id" = w."id"
  WHERE wf."escalation_reason" = 'escalated (before migration 0008)'
    AND NOT EXISTS (SELECT 1 FROM "warning_timers" t WHERE t."warning_id" = w."id" AND t."fired_at" IS NULL AND t."cancelled_at" IS NULL);
