import { sql, type SQL } from "drizzle-orm";
import { changeTombstones, projects } from "@/db/schema";
import { canSeeProject, type Actor } from "@/lib/workspaces/policy";

/**
 * The SQL form of the policy's canSeeProject: undefined when the actor sees every project of the workspace
 * (owners, admins), else "not private, or the actor is one of its members". Every read of projects, and every
 * lookup of a project an entry or task names, filters with it.
 */
export function visibleProjects(actor: Actor): SQL | undefined {
  if (canSeeProject(actor, { workspaceId: actor.workspaceId, private: true, memberIds: [] })) return undefined;
  return sql`(not ${projects.private} or exists (select 1 from project_members pm where pm.project_id = ${projects.id} and pm.user_id = ${actor.userId}))`;
}

/** The same for deletions in the change feed: a private project's tombstone (and its tasks') reaches those who saw it. */
export function visibleTombstones(actor: Actor): SQL | undefined {
  if (canSeeProject(actor, { workspaceId: actor.workspaceId, private: true, memberIds: [] })) return undefined;
  return sql`(${changeTombstones.visibleTo} is null or ${actor.userId} = any(${changeTombstones.visibleTo}))`;
}
