CREATE TABLE "team_week_closures" (
	"org_id" text NOT NULL,
	"team_id" text NOT NULL,
	"week" text NOT NULL,
	"members" integer NOT NULL,
	"n" integer NOT NULL,
	"sum_index" bigint NOT NULL,
	"sum_sq_index" bigint NOT NULL,
	"energy_sum" integer NOT NULL,
	"autonomy_sum" integer NOT NULL,
	"voice_sum" integer NOT NULL,
	"growth_sum" integer NOT NULL,
	"trust_sum" integer NOT NULL,
	"promoters" integer NOT NULL,
	"detractors" integer NOT NULL,
	"rank" double precision NOT NULL,
	CONSTRAINT "team_week_closures_team_id_week_pk" PRIMARY KEY("team_id","week")
);
--> statement-breakpoint
CREATE TABLE "team_week_decisions" (
	"org_id" text NOT NULL,
	"team_id" text NOT NULL,
	"week" text NOT NULL,
	"threshold" smallint NOT NULL,
	"state" text NOT NULL,
	CONSTRAINT "team_week_decisions_team_id_week_threshold_pk" PRIMARY KEY("team_id","week","threshold")
);
--> statement-breakpoint
CREATE TABLE "week_closures" (
	"org_id" text NOT NULL,
	"week" text NOT NULL,
	"k_closed" smallint NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	CONSTRAINT "week_closures_org_id_week_pk" PRIMARY KEY("org_id","week")
);
--> statement-breakpoint
CREATE TABLE "week_decisions" (
	"org_id" text NOT NULL,
	"week" text NOT NULL,
	"threshold" smallint NOT NULL,
	"org_hidden" boolean NOT NULL,
	CONSTRAINT "week_decisions_org_id_week_threshold_pk" PRIMARY KEY("org_id","week","threshold")
);
--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "earlier_zones" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "team_week_closures" ADD CONSTRAINT "team_week_closures_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_week_closures" ADD CONSTRAINT "team_week_closures_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_week_decisions" ADD CONSTRAINT "team_week_decisions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_week_decisions" ADD CONSTRAINT "team_week_decisions_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "week_closures" ADD CONSTRAINT "week_closures_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "week_decisions" ADD CONSTRAINT "week_decisions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "team_week_closures_org_week_idx" ON "team_week_closures" USING btree ("org_id","week");--> statement-breakpoint
CREATE INDEX "team_week_decisions_org_week_idx" ON "team_week_decisions" USING btree ("org_id","week","threshold");--> statement-breakpoint
CREATE INDEX "pulse_receipts_user_week_idx" ON "pulse_receipts" USING btree ("user_id","week");