CREATE TABLE "stats_order_money" (
	"order_id" text PRIMARY KEY NOT NULL,
	"unit_id" text NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"amount" double precision NOT NULL
);
--> statement-breakpoint
ALTER TABLE "public_reports" ADD COLUMN "intake_id" text;