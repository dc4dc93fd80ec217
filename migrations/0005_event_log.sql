CREATE SEQUENCE "public"."event_decision_batch_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "events" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"ext_id" text NOT NULL,
	"type" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"partition" smallint NOT NULL,
	"payload" jsonb NOT NULL,
	"decided" boolean DEFAULT false NOT NULL,
	"decided_batch" bigint
);
--> statement-breakpoint
CREATE TABLE "warning_closures" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "warning_closures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"subject_key" text NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"after_batch" bigint NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "events_source_ext_id_uq" ON "events" USING btree ("source","ext_id");--> statement-breakpoint
CREATE INDEX "events_undecided_idx" ON "events" USING btree ("partition","seq") WHERE not "events"."decided";--> statement-breakpoint
CREATE INDEX "events_undecided_seq_idx" ON "events" USING btree ("seq") WHERE not "events"."decided";--> statement-breakpoint
CREATE INDEX "events_decided_batch_idx" ON "events" USING btree ("decided_batch","seq") WHERE "events"."decided";--> statement-breakpoint
CREATE INDEX "warning_closures_batch_idx" ON "warning_closures" USING btree ("after_batch");