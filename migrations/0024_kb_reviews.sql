CREATE TABLE "kb_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"content" jsonb NOT NULL,
	"search_tokens" text NOT NULL,
	"based_on" integer,
	"author_id" text NOT NULL,
	"author_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"reviewer_id" text,
	"reviewer_name" text,
	"review_note" text,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "after_action_reviews" (
	"id" text PRIMARY KEY NOT NULL,
	"unit_id" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"trigger" text NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"timeline" jsonb NOT NULL,
	"what_happened" text DEFAULT '' NOT NULL,
	"slow_points" text DEFAULT '' NOT NULL,
	"created_by" text NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "review_actions" (
	"id" text PRIMARY KEY NOT NULL,
	"review_id" text NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"owner_name" text NOT NULL,
	"owner_unit_id" text,
	"due_date" text NOT NULL,
	"status" text NOT NULL,
	"done_at" timestamp with time zone,
	"done_by_name" text,
	"done_note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "review_actions" ADD CONSTRAINT "review_actions_review_id_after_action_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."after_action_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "kb_versions_code_version" ON "kb_versions" USING btree ("code","version");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_versions_one_published" ON "kb_versions" USING btree ("code") WHERE status = 'published';--> statement-breakpoint
CREATE UNIQUE INDEX "kb_versions_one_open" ON "kb_versions" USING btree ("code") WHERE status in ('draft', 'in_review');--> statement-breakpoint
CREATE INDEX "kb_versions_search" ON "kb_versions" USING gin (to_tsvector('simple', "search_tokens"));--> statement-breakpoint
CREATE INDEX "after_action_reviews_subject" ON "after_action_reviews" USING btree ("subject_kind","subject_id");--> statement-breakpoint
CREATE INDEX "after_action_reviews_unit" ON "after_action_reviews" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "review_actions_review" ON "review_actions" USING btree ("review_id");--> statement-breakpoint
CREATE INDEX "review_actions_open" ON "review_actions" USING btree ("status","due_date");