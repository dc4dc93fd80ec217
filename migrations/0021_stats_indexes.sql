-- Hand-written (the snapshot chain on main is being repaired by the lead): dashboard sums read stats_daily by
-- (metric, dim, key, day) with the unit and value in the index; figures by day of closing range on warnings.closed_at.
DROP INDEX IF EXISTS "stats_daily_metric_day_idx";--> statement-breakpoint
CREATE INDEX "stats_daily_metric_day_idx" ON "stats_daily" USING btree ("metric","dim","key","day","unit_id","value");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "warnings_closed_idx" ON "warnings" USING btree ("closed_at");
