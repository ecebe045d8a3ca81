DROP INDEX "team_week_stats_org_week_n_idx";--> statement-breakpoint
CREATE INDEX "team_week_stats_org_week_n_team_idx" ON "team_week_stats" USING btree ("org_id","week","n","team_id" collate "C");