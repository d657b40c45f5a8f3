import { pagination } from "@/lib/api/pagination";
import { apiRoute, created } from "@/lib/api/route";
import { createProjectSchema, listProjectsQuery } from "@/lib/projects/schema";
import { createProject, listProjects, serializeProject } from "@/lib/projects/service";

export const GET = apiRoute({ scope: "read:projects", query: listProjectsQuery }, async ({ db, caller, query }) => {
  const { items, total } = await listProjects(db, caller.user.id, query);
  const pageQuery = query.limit ? { page: 1, per_page: query.limit } : query;
  return { projects: items.map(serializeProject), pagination: pagination(total, pageQuery) };
});

export const POST = apiRoute({ scope: "write:projects", body: createProjectSchema }, async ({ db, caller, body }) =>
  created({ message: "Project created", project: serializeProject(await createProject(db, caller.user.id, body)) }),
);
