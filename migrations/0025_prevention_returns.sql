CREATE TABLE "prevention_talk_photos" (
	"id" text PRIMARY KEY NOT NULL,
	"talk_id" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" text NOT NULL,
	"added_by" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prevention_talks" (
	"id" text PRIMARY KEY NOT NULL,
	"unit_id" text NOT NULL,
	"campaign_id" text,
	"title" text NOT NULL,
	"place" text NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"speakers" jsonb NOT NULL,
	"audience" text,
	"attendance" integer NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prevention_visits" (
	"id" text PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"resident_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"outcome" text NOT NULL,
	"note" text,
	"visited_by" text NOT NULL,
	"visited_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prevention_volunteer_hours" (
	"id" text PRIMARY KEY NOT NULL,
	"volunteer_id" text NOT NULL,
	"campaign_id" text,
	"talk_id" text,
	"day" text NOT NULL,
	"hours" double precision NOT NULL,
	"activity" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prevention_volunteers" (
	"id" text PRIMARY KEY NOT NULL,
	"unit_id" text NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "returns_contacts" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by" text NOT NULL,
	"contact" text NOT NULL,
	"channel" text NOT NULL,
	"summary" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "returns_history" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"by" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "returns_persons" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"id_number" text,
	"phone" text,
	"location" text NOT NULL,
	"household_unit_id" text NOT NULL,
	"residence_unit_id" text,
	"status" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"upstream_ref" text,
	"note" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "prevention_campaign_members" ADD COLUMN "age_band" text;--> statement-breakpoint
ALTER TABLE "prevention_campaign_members" ADD COLUMN "occupation" text;--> statement-breakpoint
ALTER TABLE "prevention_campaigns" ADD COLUMN "channels" jsonb DEFAULT '["sms"]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "prevention_talk_photos" ADD CONSTRAINT "prevention_talk_photos_talk_id_prevention_talks_id_fk" FOREIGN KEY ("talk_id") REFERENCES "public"."prevention_talks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prevention_talks" ADD CONSTRAINT "prevention_talks_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prevention_talks" ADD CONSTRAINT "prevention_talks_campaign_id_prevention_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."prevention_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prevention_visits" ADD CONSTRAINT "prevention_visits_campaign_id_prevention_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."prevention_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prevention_volunteer_hours" ADD CONSTRAINT "prevention_volunteer_hours_volunteer_id_prevention_volunteers_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."prevention_volunteers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prevention_volunteer_hours" ADD CONSTRAINT "prevention_volunteer_hours_campaign_id_prevention_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."prevention_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prevention_volunteer_hours" ADD CONSTRAINT "prevention_volunteer_hours_talk_id_prevention_talks_id_fk" FOREIGN KEY ("talk_id") REFERENCES "public"."prevention_talks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prevention_volunteers" ADD CONSTRAINT "prevention_volunteers_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns_contacts" ADD CONSTRAINT "returns_contacts_person_id_returns_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."returns_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns_history" ADD CONSTRAINT "returns_history_person_id_returns_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."returns_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns_persons" ADD CONSTRAINT "returns_persons_household_unit_id_units_id_fk" FOREIGN KEY ("household_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns_persons" ADD CONSTRAINT "returns_persons_residence_unit_id_units_id_fk" FOREIGN KEY ("residence_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "prevention_talk_photos_talk_idx" ON "prevention_talk_photos" USING btree ("talk_id");--> statement-breakpoint
CREATE INDEX "prevention_talks_unit_idx" ON "prevention_talks" USING btree ("unit_id","held_at");--> statement-breakpoint
CREATE INDEX "prevention_visits_campaign_idx" ON "prevention_visits" USING btree ("campaign_id","resident_id");--> statement-breakpoint
CREATE INDEX "prevention_volunteer_hours_vol_idx" ON "prevention_volunteer_hours" USING btree ("volunteer_id");--> statement-breakpoint
CREATE INDEX "prevention_volunteers_unit_idx" ON "prevention_volunteers" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "returns_contacts_person_idx" ON "returns_contacts" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "returns_history_person_idx" ON "returns_history" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "returns_persons_household_idx" ON "returns_persons" USING btree ("household_unit_id","status");--> statement-breakpoint
CREATE INDEX "returns_persons_residence_idx" ON "returns_persons" USING btree ("residence_unit_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "returns_persons_upstream_idx" ON "returns_persons" USING btree ("upstream_ref");