import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { intArray, queryRows } from "@/db/rows";
import type { ReportFilters } from "@/lib/reports/builder/query-schema";
import type { Rounding } from "@/lib/reports/builder/rounding";


/**
 * The report's filters in words for a printed header ("Projects: Apollo, Zephyr"). Runs after the report's
 * policy checked every id (access.ts), and reads names within the actor's workspace only.
 */
export async function describeFilters(db: Db, workspaceId: number, f: ReportFilters): Promise<string[]> {
  const rows = await queryRows<{ kind: string; name: string }>(
    db,
    sql`select 'Members' as kind, u.name from users u join workspace_members m on m.user_id = u.id and m.workspace_id = ${workspaceId} where u.id = any(${intArray(f.user_id)})
        union all select 'Clients', name from clients where workspace_id = ${workspaceId} and id = any(${intArray(f.client_id)})
        union all select 'Projects', name from projects where workspace_id = ${workspaceId} and id = any(${intArray(f.project_id)})
        union all select 'Tasks', name from tasks where workspace_id = ${workspaceId} and id = any(${intArray(f.task_id)})
        union all select 'Tags', name from tags where workspace_id = ${workspaceId} and id = any(${intArray(f.tag_id)})`,
  );
  const out: string[] = [];
  for (const kind of ["Members", "Clients", "Projects", "Tasks", "Tags"]) {
    const names = rows.filter((r) => r.kind === kind).map((r) => r.name).sort((a, b) => a.localeCompare(b));
    if (names.length) out.push(`${kind}${kind === "Tags" && f.tags === "all" ? " (all of)" : ""}: ${names.join(", ")}`);
  }
  if (f.billable !== undefined) out.push(f.billable ? "Billable only" : "Non-billable only");
  if (f.has_project !== undefined) out.push(f.has_project ? "With a project" : "Without a project");
  if (f.description) out.push(`Description contains "${f.description}"`);
  return out;
}

export function describeRounding(r: Rounding): string {
  return r.mode === "none" ? "none" : `${r.mode} to ${r.minutes} min per ${r.scope}`;
}
