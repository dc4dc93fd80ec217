CREATE TABLE "stats_daily" (
	"unit_id" text NOT NULL,
	"day" date NOT NULL,
	"metric" text NOT NULL,
	"dim" text NOT NULL,
	"key" text NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "stats_daily_unit_id_day_metric_dim_key_pk" PRIMARY KEY("unit_id","day","metric","dim","key")
);
--> statement-breakpoint
CREATE TABLE "stats_ranking_config" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stats_ranking_config_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"weights" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"unit_id" text NOT NULL,
	"kind" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"data" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "desk_calls" (
	"id" text PRIMARY KEY NOT NULL,
	"unit_id" text NOT NULL,
	"operator_id" text NOT NULL,
	"operator_name" text NOT NULL,
	"caller_phone" text,
	"caller_name" text,
	"topic" text NOT NULL,
	"question" text NOT NULL,
	"advice" text NOT NULL,
	"details" jsonb,
	"outcome" text NOT NULL,
	"reference" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_challenges" (
	"challenge" text PRIMARY KEY NOT NULL,
	"difficulty" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "public_report_files" (
	"id" text PRIMARY KEY NOT NULL,
	"report_id" text NOT NULL,
	"type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"value_key" text NOT NULL,
	"description" text NOT NULL,
	"contact" text,
	"consent" boolean NOT NULL,
	"loss" double precision,
	"ip_hash" text,
	"event_id" text,
	"status" text DEFAULT 'received' NOT NULL,
	"unit_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "public_report_files" ADD CONSTRAINT "public_report_files_report_id_public_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."public_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stats_daily_metric_day_idx" ON "stats_daily" USING btree ("metric","dim","day");--> statement-breakpoint
CREATE INDEX "stats_reports_unit_idx" ON "stats_reports" USING btree ("unit_id","period_from");--> statement-breakpoint
CREATE INDEX "desk_calls_unit_at_idx" ON "desk_calls" USING btree ("unit_id","at");--> statement-breakpoint
CREATE INDEX "desk_calls_at_idx" ON "desk_calls" USING btree ("at");--> statement-breakpoint
CREATE INDEX "public_challenges_expiry_idx" ON "public_challenges" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "public_report_files_report_idx" ON "public_report_files" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "public_reports_key_idx" ON "public_reports" USING btree ("kind","value_key");--> statement-breakpoint
CREATE INDEX "public_reports_created_idx" ON "public_reports" USING btree ("created_at");