CREATE TABLE "subject_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"subject" bigint
);
--> statement-breakpoint
CREATE TABLE "subject_merges" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "subject_merges_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"root" bigint NOT NULL,
	"subjects" bigint[] NOT NULL,
	"from_partition" smallint NOT NULL,
	"to_partition" smallint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subjects" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "subjects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"root" bigint,
	"partition" smallint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "subject" bigint;--> statement-breakpoint
CREATE INDEX "subjects_root_idx" ON "subjects" USING btree ("root");--> statement-breakpoint
CREATE INDEX "events_subject_idx" ON "events" USING btree ("subject");