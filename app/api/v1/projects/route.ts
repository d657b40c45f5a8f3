import { pagination } from "@/lib/api/pagination";
import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { wantsFeed } from "@/lib/changes/feed";
import { createProject, listProjectChanges, listProjects, type ProjectWithClient } from "@/lib/projects/service";
import { serializeProjectsWithStats, serializeProjectWithStats } from "@/lib/projects/stats";
import { otherMethods } from "@/lib/api/other-methods";

const isChanged = (c: ProjectWithClient | { deleted: true }): c is ProjectWithClient => !("deleted" in c);

export const GET = apiRoute(ops.listProjects, async ({ db, caller, query }) => {
  if (wantsFeed("projects", query)) {
    const feed = await listProjectChanges(db, caller.actor, query);
    const alive = new Map((await serializeProjectsWithStats(db, caller.actor, feed.items.filter(isChanged))).map((p) => [p.id, p]));
    return { projects: feed.items.map((c) => (isChanged(c) ? alive.get(c.id) : c)), next_cursor: feed.next_cursor, has_more: feed.has_more };
  }
  const { items, total } = await listProjects(db, caller.actor, query);
  const pageQuery = query.limit ? { page: 1, per_page: query.limit } : query;
  return { projects: await serializeProjectsWithStats(db, caller.actor, items), pagination: pagination(total, pageQuery) };
});

export const POST = apiRoute(ops.createProject, async ({ db, caller, body }) => ({
  message: "Project created",
  project: await serializeProjectWithStats(db, caller.actor, await createProject(db, caller.actor, body)),
}));

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
