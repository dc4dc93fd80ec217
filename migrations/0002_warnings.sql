CREATE TABLE "warnings" (
	"id" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"subject_key" text NOT NULL,
	"subject" jsonb NOT NULL,
	"subject_phone" text,
	"subject_id_number" text,
	"level" text NOT NULL,
	"score" real DEFAULT 0 NOT NULL,
	"fraud_types" jsonb NOT NULL,
	"rule_hits" jsonb NOT NULL,
	"evidence_event_ids" jsonb NOT NULL,
	"summary" text,
	"status" text DEFAULT 'new' NOT NULL,
	"unit_id" text NOT NULL,
	"routed" boolean DEFAULT false NOT NULL,
	"config_version" text,
	"first_event_at" timestamp with time zone,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"disposition" jsonb
);
--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "warnings_one_open_per_subject" ON "warnings" USING btree ("subject_key") WHERE "warnings"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "warnings_status_idx" ON "warnings" USING btree ("status","opened_at");--> statement-breakpoint
CREATE INDEX "warnings_unit_idx" ON "warnings" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "warnings_phone_idx" ON "warnings" USING btree ("subject_phone");--> statement-breakpoint
CREATE INDEX "warnings_id_number_idx" ON "warnings" USING btree ("subject_id_number");--> statement-breakpoint
CREATE INDEX "warnings_opened_idx" ON "warnings" USING btree ("opened_at");