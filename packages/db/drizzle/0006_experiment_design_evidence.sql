CREATE TABLE "experiment_fidelity" (
	"org_id" text NOT NULL,
	"team_id" text NOT NULL,
	"week" text NOT NULL,
	"experiment_id" text NOT NULL,
	"n" integer NOT NULL,
	"sum" integer NOT NULL,
	"sum_sq" integer NOT NULL,
	CONSTRAINT "experiment_fidelity_team_id_week_pk" PRIMARY KEY("team_id","week")
);
--> statement-breakpoint
CREATE TABLE "experiment_vote_receipts" (
	"org_id" text NOT NULL,
	"experiment_id" text NOT NULL,
	"user_id" text NOT NULL,
	CONSTRAINT "experiment_vote_receipts_experiment_id_user_id_pk" PRIMARY KEY("experiment_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "experiment_vote_tallies" (
	"org_id" text NOT NULL,
	"experiment_id" text NOT NULL,
	"choice" text NOT NULL,
	"votes" integer NOT NULL,
	CONSTRAINT "experiment_vote_tallies_experiment_id_choice_pk" PRIMARY KEY("experiment_id","choice")
);
--> statement-breakpoint
ALTER TABLE "experiments" ADD COLUMN "primary_outcome" text DEFAULT 'engagement' NOT NULL;--> statement-breakpoint
ALTER TABLE "experiments" ADD COLUMN "measured" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "experiment_fidelity" ADD CONSTRAINT "experiment_fidelity_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_fidelity" ADD CONSTRAINT "experiment_fidelity_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_fidelity" ADD CONSTRAINT "experiment_fidelity_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_vote_receipts" ADD CONSTRAINT "experiment_vote_receipts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_vote_receipts" ADD CONSTRAINT "experiment_vote_receipts_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_vote_receipts" ADD CONSTRAINT "experiment_vote_receipts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_vote_tallies" ADD CONSTRAINT "experiment_vote_tallies_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_vote_tallies" ADD CONSTRAINT "experiment_vote_tallies_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;