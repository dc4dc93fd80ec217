CREATE SEQUENCE "public"."indicator_version_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"raw_value" text NOT NULL,
	"list" text NOT NULL,
	"reason" text,
	"source" text NOT NULL,
	"confidence" integer DEFAULT 80 NOT NULL,
	"valid_until" timestamp with time zone,
	"fraud_type" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"version" bigint DEFAULT nextval('indicator_version_seq') NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rule_configs" (
	"version" integer PRIMARY KEY NOT NULL,
	"config" jsonb NOT NULL,
	"note" text,
	"created_by" text NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "indicators_kind_value_list_uq" ON "indicators" USING btree ("kind","value","list");--> statement-breakpoint
CREATE INDEX "indicators_version_idx" ON "indicators" USING btree ("version");--> statement-breakpoint
CREATE INDEX "indicators_source_idx" ON "indicators" USING btree ("source");