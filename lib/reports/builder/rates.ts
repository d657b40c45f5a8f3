import { sql, type SQL } from "drizzle-orm";
import { intArray } from "@/db/rows";

/**
 * The hourly rate of an entry, by the one documented precedence: the member's rate on the project
 * (project_member_rates) > the project's > its client's > the member's in the workspace > the workspace's
 * default. Null when none is set (its amount is then null, not 0). All numeric(12,2): amounts are
 * `billable seconds × rate / 3600` in numeric, rounded to the cent only where a row is shown.
 *
 * Two small tables a report joins its entries to (a hash join each, instead of five joins per entry):
 *   report_project_rates(project_key, client_id, rate)   per project (key 0: no project): project > client > default
 *   report_member_rates(project_key, user_id, rate)       per (project, member): member-on-project > project >
 *                                                         client > member > default
 * An entry's rate is coalesce(member's, project's): a former member (no longer in workspace_members) keeps
 * the project's, the client's or the default rate.
 * The project page's and the project API's amounts (lib/projects/stats.ts) price entries with these same
 * ctes and RATE, so a project's amount there is the report's for that project over all time.
 */
export function rateCtes(workspaceId: number, opts: { projectIds?: number[] } = {}): SQL {
  // Only some projects' rows (the project pages' figures): the same rates, fewer rows (key 0 stays).
  const only = opts.projectIds ? sql` and p.id = any(${intArray(opts.projectIds)})` : sql``;
  return sql`
    report_projects as materialized (
      select p.id as project_key, p.client_id, p.hourly_rate as project_rate, c.hourly_rate as client_rate
      from projects p left join clients c on c.id = p.client_id and c.workspace_id = p.workspace_id
      where p.workspace_id = ${workspaceId}${only}
      union all select 0, null, null, null
    ),
    report_project_rates as materialized (
      select rp.project_key, rp.client_id, coalesce(rp.project_rate, rp.client_rate, w.default_hourly_rate) as rate
      from report_projects rp cross join (select default_hourly_rate from workspaces where id = ${workspaceId}) w
    ),
    report_member_rates as materialized (
      select rp.project_key, m.user_id, coalesce(pm.hourly_rate, rp.project_rate, rp.client_rate, m.hourly_rate, w.default_hourly_rate) as rate
      from report_projects rp
      cross join workspace_members m
      cross join (select default_hourly_rate from workspaces where id = ${workspaceId}) w
      left join project_member_rates pm on pm.project_id = rp.project_key and pm.user_id = m.user_id
      where m.workspace_id = ${workspaceId}
    )`;
}

/** The rate of rows of `alias` (with project_id and user_id), after rateJoins(alias). */
export const RATE = sql`coalesce(rate_mr.rate, rate_pr.rate)`;

export function rateJoins(alias: string): SQL {
  const a = sql.raw(alias);
  return sql`
    left join report_project_rates rate_pr on rate_pr.project_key = coalesce(${a}.project_id, 0)
    left join report_member_rates rate_mr on rate_mr.project_key = coalesce(${a}.project_id, 0) and rate_mr.user_id = ${a}.user_id`;
}
