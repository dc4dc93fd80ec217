CREATE TABLE "graph_mule_handoffs" (
	"account" text NOT NULL,
	"target" text NOT NULL,
	"ref_id" text,
	"score" integer NOT NULL,
	"reasons" jsonb NOT NULL,
	"sent_by" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "graph_mule_handoffs_account_target_pk" PRIMARY KEY("account","target")
);
