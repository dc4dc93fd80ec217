CREATE TABLE "event_decisions" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"batch" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_queue" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"partition" smallint NOT NULL
);
--> statement-breakpoint
-- hand-written: what the decided flag and batch said moves to the narrow tables before the columns go
INSERT INTO "event_queue" ("seq", "partition") SELECT "seq", "partition" FROM "events" WHERE NOT "decided";--> statement-breakpoint
INSERT INTO "event_decisions" ("seq", "batch") SELECT "seq", coalesce("decided_batch", 0) FROM "events" WHERE "decided";--> statement-breakpoint
DROP INDEX "events_undecided_idx";--> statement-breakpoint
DROP INDEX "events_undecided_seq_idx";--> statement-breakpoint
DROP INDEX "events_decided_batch_idx";--> statement-breakpoint
DROP INDEX "events_decided_occurred_idx";--> statement-breakpoint
CREATE INDEX "event_decisions_batch_idx" ON "event_decisions" USING btree ("batch","seq");--> statement-breakpoint
CREATE INDEX "event_queue_partition_idx" ON "event_queue" USING btree ("partition","seq");--> statement-breakpoint
CREATE INDEX "events_occurred_idx" ON "events" USING btree ("occurred_at");--> statement-breakpoint
ALTER TABLE "events" DROP COLUMN "decided";--> statement-breakpoint
ALTER TABLE "events" DROP COLUMN "decided_batch";