CREATE TABLE "case_evidence" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"mime" text,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"description" text,
	"collected_at" timestamp with time zone NOT NULL,
	"collected_by" text NOT NULL,
	"custodian" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_evidence_custody" (
	"id" text PRIMARY KEY NOT NULL,
	"evidence_id" text NOT NULL,
	"action" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text NOT NULL,
	"actor_name" text NOT NULL,
	"to_custodian" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "case_identifiers" (
	"case_id" text NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_payments" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"seq" integer NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"amount" double precision NOT NULL,
	"channel" text,
	"from_account" text,
	"from_account_key" text,
	"to_account" text NOT NULL,
	"to_account_key" text NOT NULL,
	"to_name" text,
	"to_bank" text,
	"luhn_warning" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_steps" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"stage" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"officer_id" text,
	"officer_name" text,
	"reason" text,
	"note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_suspects" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"name" text NOT NULL,
	"id_number" text,
	"phone" text,
	"role" text NOT NULL,
	"status" text NOT NULL,
	"arrested_at" timestamp with time zone,
	"note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" text PRIMARY KEY NOT NULL,
	"case_no" text NOT NULL,
	"unit_id" text NOT NULL,
	"source" text NOT NULL,
	"reference" text,
	"dedupe_key" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"victim_name" text NOT NULL,
	"victim_phone" text,
	"victim_phone_key" text,
	"victim_id_number" text,
	"victim_resident_id" text,
	"contact_method" text,
	"fraud_types" jsonb NOT NULL,
	"loss" double precision NOT NULL,
	"summary" text NOT NULL,
	"stage" text DEFAULT 'reported' NOT NULL,
	"stage_at" timestamp with time zone NOT NULL,
	"from_warning_id" text,
	"recorded_by" text NOT NULL,
	"recorded_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_evidence" ADD CONSTRAINT "case_evidence_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_evidence_custody" ADD CONSTRAINT "case_evidence_custody_evidence_id_case_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."case_evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_identifiers" ADD CONSTRAINT "case_identifiers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_payments" ADD CONSTRAINT "case_payments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_steps" ADD CONSTRAINT "case_steps_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_suspects" ADD CONSTRAINT "case_suspects_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_evidence_case_idx" ON "case_evidence" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_custody_evidence_idx" ON "case_evidence_custody" USING btree ("evidence_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "case_identifiers_uq" ON "case_identifiers" USING btree ("case_id","kind","key");--> statement-breakpoint
CREATE INDEX "case_identifiers_key_idx" ON "case_identifiers" USING btree ("kind","key");--> statement-breakpoint
CREATE UNIQUE INDEX "case_payments_seq_uq" ON "case_payments" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "case_payments_to_idx" ON "case_payments" USING btree ("to_account_key");--> statement-breakpoint
CREATE INDEX "case_steps_case_idx" ON "case_steps" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "case_suspects_case_idx" ON "case_suspects" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_suspects_id_idx" ON "case_suspects" USING btree ("id_number");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_dedupe_uq" ON "cases" USING btree ("dedupe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_case_no_uq" ON "cases" USING btree ("case_no");--> statement-breakpoint
CREATE INDEX "cases_unit_idx" ON "cases" USING btree ("unit_id","reported_at");--> statement-breakpoint
CREATE INDEX "cases_victim_phone_idx" ON "cases" USING btree ("victim_phone_key");--> statement-breakpoint
CREATE INDEX "cases_victim_id_idx" ON "cases" USING btree ("victim_id_number");--> statement-breakpoint
CREATE INDEX "cases_warning_idx" ON "cases" USING btree ("from_warning_id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;
