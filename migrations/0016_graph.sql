CREATE TABLE "graph_bank_mappings" (
	"bank" text PRIMARY KEY NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "graph_case_payments" (
	"case_id" text NOT NULL,
	"payment_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"amount_cents" bigint NOT NULL,
	"from_account" text,
	"to_account" text NOT NULL,
	"to_name" text,
	"to_bank" text,
	"channel" text,
	CONSTRAINT "graph_case_payments_case_id_payment_id_pk" PRIMARY KEY("case_id","payment_id")
);
--> statement-breakpoint
CREATE TABLE "graph_group_members" (
	"case_id" text PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"added_by" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "graph_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"lead_case_id" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "graph_link_decisions" (
	"case_id" text NOT NULL,
	"other_kind" text NOT NULL,
	"other_id" text NOT NULL,
	"decision" text NOT NULL,
	"reason" text,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "graph_link_decisions_case_id_other_kind_other_id_pk" PRIMARY KEY("case_id","other_kind","other_id")
);
--> statement-breakpoint
CREATE TABLE "graph_observations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"record_kind" text NOT NULL,
	"record_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	"seen_as" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "graph_statements" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"order_id" text,
	"file_id" text,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"bank" text,
	"account" text,
	"encoding" text,
	"rows" integer NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "graph_transactions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"statement_id" text NOT NULL,
	"from_account" text NOT NULL,
	"to_account" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"counterparty_name" text,
	"balance_cents" bigint
);
--> statement-breakpoint
CREATE TABLE "graph_warning_closures" (
	"warning_id" text PRIMARY KEY NOT NULL,
	"disposition" text NOT NULL,
	"victimised" boolean NOT NULL,
	"closed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "graph_case_payments_to_idx" ON "graph_case_payments" USING btree ("to_account");--> statement-breakpoint
CREATE INDEX "graph_group_members_group_idx" ON "graph_group_members" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "graph_observations_key_idx" ON "graph_observations" USING btree ("kind","key");--> statement-breakpoint
CREATE INDEX "graph_observations_record_idx" ON "graph_observations" USING btree ("record_kind","record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "graph_statements_case_sha_uq" ON "graph_statements" USING btree ("case_id","sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "graph_transactions_uq" ON "graph_transactions" USING btree ("from_account","to_account","at","amount_cents");