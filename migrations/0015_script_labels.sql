CREATE TABLE "script_labels" (
	"id" serial PRIMARY KEY NOT NULL,
	"text" text NOT NULL,
	"label" text NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" text,
	"labelled_by" text NOT NULL,
	"labelled_by_name" text NOT NULL,
	"labelled_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "script_models" (
	"id" serial PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"labels_up_to" integer NOT NULL,
	"examples" integer NOT NULL,
	"metrics" jsonb NOT NULL,
	"note" text,
	"published_by" text NOT NULL,
	"published_by_name" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
