import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { intArray, queryRows } from "@/db/rows";
import type { MemberActor } from "@/lib/workspaces/actor";
import type { GroupKey } from "./query-schema";

export type Label = { name: string; color?: string };
type Row = { kind: string; id: number; name: string; color: string | null; hidden: boolean };

const NONE: Partial<Record<GroupKey, string>> = { client: "No client", project: "No project", task: "No task", tag: "No tag", member: "Unknown member" };

/**
 * Names of the groups' ids, one query for all kinds. A private project the actor does not see (a manager
 * reporting on the workspace) keeps its time and shows as "Private project", as the Team page does.
 */
export async function groupLabels(db: Db, actor: MemberActor, seesPrivate: boolean, ids: Partial<Record<GroupKey, number[]>>): Promise<(key: GroupKey, id: string | null) => Label> {
  const arr = (k: GroupKey) => intArray(ids[k]);
  const ws = actor.workspaceId;
  const rows = Object.values(ids).some((v) => v?.length)
    ? await queryRows<Row>(
        db,
        sql`select 'project' as kind, p.id, p.name, p.color,
                   (p.private and not ${seesPrivate} and not exists (select 1 from project_members pm where pm.project_id = p.id and pm.user_id = ${actor.userId})) as hidden
              from projects p where p.workspace_id = ${ws} and p.id = any(${arr("project")})
            union all select 'client', c.id, c.name, null, false from clients c where c.workspace_id = ${ws} and c.id = any(${arr("client")})
            union all select 'task', k.id, k.name, null,
                   (p.private and not ${seesPrivate} and not exists (select 1 from project_members pm where pm.project_id = p.id and pm.user_id = ${actor.userId}))
              from tasks k join projects p on p.id = k.project_id where k.workspace_id = ${ws} and k.id = any(${arr("task")})
            union all select 'tag', g.id, g.name, null, false from tags g where g.workspace_id = ${ws} and g.id = any(${arr("tag")})
            union all select 'member', u.id, u.name, null, false from users u where u.id = any(${arr("member")})`,
      )
    : [];
  const byKey = new Map(rows.map((r) => [`${r.kind}:${r.id}`, r]));
  return (key, id) => {
    if (key === "day" || key === "week" || key === "month") return { name: id ?? "" };
    if (id === null) return { name: NONE[key] ?? "None" };
    const row = byKey.get(`${key}:${id}`);
    if (!row) return { name: NONE[key] ?? "None" };
    if (row.hidden) return { name: key === "task" ? "Private task" : "Private project" };
    return key === "project" ? { name: row.name, color: row.color ?? undefined } : { name: row.name };
  };
}
