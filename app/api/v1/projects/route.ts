import { pagination } from "@/lib/api/pagination";
import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { createProject, listProjects } from "@/lib/projects/service";
import { serializeProjectsWithStats, serializeProjectWithStats } from "@/lib/projects/stats";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.listProjects, async ({ db, caller, query }) => {
  const { items, total } = await listProjects(db, caller.actor, query);
  const pageQuery = query.limit ? { page: 1, per_page: query.limit } : query;
  return { projects: await serializeProjectsWithStats(db, caller.actor, items), pagination: pagination(total, pageQuery) };
});

export const POST = apiRoute(ops.createProject, async ({ db, caller, body }) => ({
  message: "Project created",
  project: await serializeProjectWithStats(db, caller.actor, await createProject(db, caller.actor, body)),
}));

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
