import { sql, type SQL } from "drizzle-orm";

/**
 * The hourly rate of an entry, by the one documented precedence: the member's rate on the project
 * (project_member_rates) > the project's > its client's > the member's in the workspace > the workspace's
 * default. Null when none is set (its amount is then null, not 0). All numeric(12,2): amounts are
 * `billable seconds × rate / 3600` in numeric, rounded to the cent only where a row is shown.
 *
 * `t` is the time_entries alias; the joins this needs come from rateJoins().
 */
export const RATE = sql`coalesce(rate_pm.hourly_rate, rate_p.hourly_rate, rate_c.hourly_rate, rate_m.hourly_rate, rate_w.default_hourly_rate)`;

export function rateJoins(workspaceId: number): SQL {
  return sql`
    left join projects rate_p on rate_p.id = t.project_id and rate_p.workspace_id = t.workspace_id
    left join clients rate_c on rate_c.id = rate_p.client_id and rate_c.workspace_id = t.workspace_id
    left join project_member_rates rate_pm on rate_pm.project_id = t.project_id and rate_pm.user_id = t.user_id
    left join workspace_members rate_m on rate_m.workspace_id = t.workspace_id and rate_m.user_id = t.user_id
    cross join (select w.default_hourly_rate from workspaces w where w.id = ${workspaceId}) rate_w`;
}
