CREATE TABLE "order_bank_settings" (
	"bank_unit_id" text PRIMARY KEY NOT NULL,
	"webhook_url" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_files" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"encoding" text,
	"content" "bytea" NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_refunds" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"case_id" text,
	"victim_id" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"basis" text NOT NULL,
	"not_before" timestamp with time zone,
	"returned_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "order_steps" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"order_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"step" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_kind" text NOT NULL,
	"actor_id" text NOT NULL,
	"actor_name" text NOT NULL,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"case_id" text,
	"warning_id" text,
	"payment_id" text,
	"unit_id" text NOT NULL,
	"bank_unit_id" text,
	"bank_name" text,
	"account" text NOT NULL,
	"account_key" text NOT NULL,
	"account_name" text,
	"amount_fen" bigint,
	"amount_stopped_fen" bigint,
	"balance_fen" bigint,
	"returned_fen" bigint,
	"reason" text,
	"automatic" boolean DEFAULT false NOT NULL,
	"previous_id" text,
	"paid_at" timestamp with time zone,
	"reported_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"sent_at" timestamp with time zone,
	"received_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"notified_at" timestamp with time zone,
	"escalations" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone,
	"reminders" integer DEFAULT 0 NOT NULL,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "order_files" ADD CONSTRAINT "order_files_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_refunds" ADD CONSTRAINT "order_refunds_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_steps" ADD CONSTRAINT "order_steps_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_files_order_idx" ON "order_files" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "order_refunds_case_idx" ON "order_refunds" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "order_steps_order_idx" ON "order_steps" USING btree ("order_id","seq");--> statement-breakpoint
CREATE INDEX "orders_case_idx" ON "orders" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "orders_bank_idx" ON "orders" USING btree ("bank_unit_id","status");--> statement-breakpoint
CREATE INDEX "orders_unit_idx" ON "orders" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "orders_account_idx" ON "orders" USING btree ("account_key","kind");--> statement-breakpoint
CREATE INDEX "orders_due_idx" ON "orders" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "orders_notify_idx" ON "orders" USING btree ("sent_at") WHERE notified_at is null and sent_at is not null;--> statement-breakpoint
CREATE INDEX "orders_expires_idx" ON "orders" USING btree ("expires_at");