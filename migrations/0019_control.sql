CREATE TABLE "card_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"key" text NOT NULL,
	"holder_name" text,
	"holder_id_number" text,
	"source" text NOT NULL,
	"reason" text NOT NULL,
	"case_id" text,
	"evidence" jsonb NOT NULL,
	"unit_id" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "card_measures" (
	"id" text PRIMARY KEY NOT NULL,
	"entry_id" text NOT NULL,
	"measure" text NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"partner_unit_id" text,
	"proposed_by" text NOT NULL,
	"proposed_by_name" text NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"confirmed_by" text,
	"confirmed_at" timestamp with time zone,
	"ack_by" text,
	"ack_at" timestamp with time zone,
	"appeal_reason" text,
	"appealed_at" timestamp with time zone,
	"decided_by" text,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"history" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "card_notices" (
	"id" text PRIMARY KEY NOT NULL,
	"measure_id" text NOT NULL,
	"partner_unit_id" text,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "card_entries" ADD CONSTRAINT "card_entries_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_measures" ADD CONSTRAINT "card_measures_entry_id_card_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."card_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_measures" ADD CONSTRAINT "card_measures_partner_unit_id_units_id_fk" FOREIGN KEY ("partner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_notices" ADD CONSTRAINT "card_notices_measure_id_card_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."card_measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_notices" ADD CONSTRAINT "card_notices_partner_unit_id_units_id_fk" FOREIGN KEY ("partner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "card_entries_key_idx" ON "card_entries" USING btree ("kind","key");--> statement-breakpoint
CREATE INDEX "card_entries_unit_idx" ON "card_entries" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "card_entries_holder_idx" ON "card_entries" USING btree ("holder_id_number");--> statement-breakpoint
CREATE INDEX "card_measures_entry_idx" ON "card_measures" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "card_measures_status_idx" ON "card_measures" USING btree ("status","ends_at");--> statement-breakpoint
CREATE INDEX "card_measures_partner_idx" ON "card_measures" USING btree ("partner_unit_id");--> statement-breakpoint
CREATE INDEX "card_notices_partner_idx" ON "card_notices" USING btree ("partner_unit_id","created_at");--> statement-breakpoint
CREATE TABLE "prevention_case_signals" (
	"case_id" text PRIMARY KEY NOT NULL,
	"fraud_types" jsonb NOT NULL,
	"unit_id" text NOT NULL,
	"birth_year" integer,
	"occupation" text,
	"reported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "prevention_case_signals" ADD CONSTRAINT "prevention_case_signals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "prevention_case_signals_at_idx" ON "prevention_case_signals" USING btree ("reported_at");