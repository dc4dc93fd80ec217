CREATE TABLE "stats_order_money" (
	"order_id" text PRIMARY KEY NOT NULL,
	"unit_id" text NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"amount" double precision NOT NULL
);
--> statement-breakpoint
ALTER TABLE "public_reports" ADD COLUMN "intake_id" text;--> statement-breakpoint
-- Hand-written: drill-down into a fraud-type slice filters `fraud_types @> '[{"code": …}]'`; a rare (or absent)
-- type over a year otherwise reads every warning of the year to count its few matches.
CREATE INDEX IF NOT EXISTS "warnings_fraud_types_gin" ON "warnings" USING gin ("fraud_types" jsonb_path_ops);
