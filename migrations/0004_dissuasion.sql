CREATE TABLE "contact_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"warning_id" text NOT NULL,
	"channel" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"ok" boolean NOT NULL,
	"outcome" text NOT NULL,
	"external_id" text,
	"detail" text,
	"actor_id" text,
	"record" jsonb,
	"result_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "followups" (
	"id" text PRIMARY KEY NOT NULL,
	"warning_id" text NOT NULL,
	"seq" integer NOT NULL,
	"day" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"assignee_kind" text NOT NULL,
	"assignee_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"config_version" text NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" text,
	"record" text,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "routing_areas" (
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"area_code" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_notification_settings" (
	"unit_id" text PRIMARY KEY NOT NULL,
	"duty_user_id" text,
	"webhook_url" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning_flags" (
	"id" text PRIMARY KEY NOT NULL,
	"warning_id" text NOT NULL,
	"kind" text NOT NULL,
	"unit_id" text NOT NULL,
	"victim_kind" text NOT NULL,
	"victim_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"days_after_close" integer NOT NULL,
	"rule" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning_tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"warning_id" text NOT NULL,
	"kind" text NOT NULL,
	"unit_id" text NOT NULL,
	"title" text NOT NULL,
	"items" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "warning_timers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "warning_timers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"warning_id" text NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"sla_version" text NOT NULL,
	"fired_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning_workflow" (
	"warning_id" text PRIMARY KEY NOT NULL,
	"auto_contact_attempts" integer DEFAULT 0 NOT NULL,
	"assignee_id" text,
	"signed_by" text,
	"signed_at" timestamp with time zone,
	"route" jsonb,
	"leads" jsonb,
	"reporting_branch_id" text
);
--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "relatives" jsonb;--> statement-breakpoint
ALTER TABLE "contact_attempts" ADD CONSTRAINT "contact_attempts_warning_id_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."warnings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followups" ADD CONSTRAINT "followups_warning_id_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."warnings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followups" ADD CONSTRAINT "followups_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_notification_settings" ADD CONSTRAINT "unit_notification_settings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_flags" ADD CONSTRAINT "warning_flags_warning_id_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."warnings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_flags" ADD CONSTRAINT "warning_flags_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_tasks" ADD CONSTRAINT "warning_tasks_warning_id_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."warnings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_tasks" ADD CONSTRAINT "warning_tasks_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_timers" ADD CONSTRAINT "warning_timers_warning_id_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."warnings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warning_workflow" ADD CONSTRAINT "warning_workflow_warning_id_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."warnings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_attempts_warning_idx" ON "contact_attempts" USING btree ("warning_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_attempts_external_uq" ON "contact_attempts" USING btree ("channel","external_id");--> statement-breakpoint
CREATE INDEX "followups_due_idx" ON "followups" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "followups_warning_idx" ON "followups" USING btree ("warning_id");--> statement-breakpoint
CREATE UNIQUE INDEX "routing_areas_pk" ON "routing_areas" USING btree ("kind","key");--> statement-breakpoint
CREATE UNIQUE INDEX "warning_flags_uq" ON "warning_flags" USING btree ("warning_id","kind");--> statement-breakpoint
CREATE INDEX "warning_flags_at_idx" ON "warning_flags" USING btree ("at");--> statement-breakpoint
CREATE INDEX "warning_tasks_warning_idx" ON "warning_tasks" USING btree ("warning_id");--> statement-breakpoint
CREATE INDEX "warning_timers_due_idx" ON "warning_timers" USING btree ("due_at") WHERE "warning_timers"."fired_at" is null and "warning_timers"."cancelled_at" is null;--> statement-breakpoint
CREATE INDEX "warning_timers_warning_idx" ON "warning_timers" USING btree ("warning_id");