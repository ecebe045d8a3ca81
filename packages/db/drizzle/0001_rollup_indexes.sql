DROP INDEX "team_week_stats_org_week_idx";--> statement-breakpoint
CREATE INDEX "team_week_stats_org_week_n_idx" ON "team_week_stats" USING btree ("org_id","week","n");--> statement-breakpoint
CREATE INDEX "team_week_stats_org_n_idx" ON "team_week_stats" USING btree ("org_id","n","week");