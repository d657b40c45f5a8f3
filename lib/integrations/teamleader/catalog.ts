import type { ProviderContext, RemotePerson, RemoteProject, RemoteTask, WorkTypeCapability } from "../types";
import { refId, str, tlList, tlRequest } from "./client";
import type { TeamleaderSettings } from "./settings";

// Importing (contract §5): projects of the module the account uses (projects-v2, or the legacy one), each
// with its customer company as the Stint client; v2 tasks and legacy milestones as tasks. Task ids carry
// their subject type ("nextgenTask:<uuid>", "milestone:<uuid>") because time entries name it.

type Ctx = ProviderContext<TeamleaderSettings>;
type Item = Record<string, unknown>;

const ARCHIVED_V2 = new Set(["closed"]);
const ARCHIVED_LEGACY = new Set(["done", "cancelled"]);
const DONE_TASK = new Set(["done", "closed"]);

export async function listProjects(ctx: Ctx): Promise<RemoteProject[]> {
  const status = str(((await tlRequest(ctx, "accounts.projects-v2-status"))?.data as Item | undefined)?.status);
  const module = status === "legacy" ? "legacy" : "projects-v2";
  const items = module === "legacy" ? await tlList(ctx, "projects.list") : await tlList(ctx, "projects-v2/projects.list");
  const customerOf = (p: Item) => {
    const refs = module === "legacy" ? [p.customer] : Array.isArray(p.customers) ? p.customers : [];
    return (refs as Item[]).find((r) => r && r.type === "company" && typeof r.id === "string") ?? null;
  };
  const customerIds = [...new Set(items.map(customerOf).flatMap((c) => (c ? [c.id as string] : [])))];
  const companies = new Map<string, string>();
  // Only the companies that are customers of projects: a CRM's whole address book is no client list.
  for (let i = 0; i < customerIds.length; i += 100) {
    for (const c of await tlList(ctx, "companies.list", { filter: { ids: customerIds.slice(i, i + 100) } })) companies.set(str(c.id), str(c.name));
  }
  const projectCustomers: Record<string, string | null> = {};
  const out: RemoteProject[] = [];
  for (const p of items) {
    const id = str(p.id);
    if (!id) continue;
    const customer = customerOf(p);
    const customerId = customer ? (customer.id as string) : null;
    projectCustomers[id] = customerId;
    const archived = (module === "legacy" ? ARCHIVED_LEGACY : ARCHIVED_V2).has(str(p.status));
    const description = str(p.description).trim();
    out.push({
      remoteId: id,
      name: str(p.title) || id,
      description: description || null,
      status: archived ? "archived" : "active",
      client: customerId && companies.get(customerId) ? { remoteId: customerId, name: companies.get(customerId)! } : null,
    });
  }
  // The account's work types, offered as the connection's default and per-project choices (lib/integrations/work-types.ts).
  const workTypes = (await tlList(ctx, "workTypes.list")).flatMap((w) => (str(w.id) ? [{ id: str(w.id), name: str(w.name) || str(w.id) }] : []));
  await ctx.remember({ projectsModule: module, projectCustomers, workTypes });
  return out;
}

// v2 tasks.list filters by ids only (contract §5): one listing per import, grouped by project.
const v2Tasks = new WeakMap<object, Promise<Map<string, Item[]>>>();

export async function listTasks(ctx: Ctx, remoteProjectId: string): Promise<RemoteTask[]> {
  if (ctx.settings.projectsModule === "legacy") {
    const milestones = await tlList(ctx, "milestones.list", { filter: { project_id: remoteProjectId } });
    return milestones.flatMap((m) => (str(m.id) ? [{ remoteId: `milestone:${str(m.id)}`, name: str(m.name) || str(m.title) || str(m.id), done: DONE_TASK.has(str(m.status)) }] : []));
  }
  let byProject = v2Tasks.get(ctx);
  if (!byProject) {
    byProject = tlList(ctx, "projects-v2/tasks.list").then((tasks) => {
      const map = new Map<string, Item[]>();
      for (const t of tasks) {
        const project = refId(t.project);
        if (project) map.set(project, [...(map.get(project) ?? []), t]);
      }
      return map;
    });
    v2Tasks.set(ctx, byProject);
  }
  return ((await byProject).get(remoteProjectId) ?? []).map((t) => ({ remoteId: `nextgenTask:${str(t.id)}`, name: str(t.title) || str(t.id), done: DONE_TASK.has(str(t.status)) }));
}

/** Work types (contract §5, workTypes.list): the default is the connection's, a project may override it. */
export const workTypes: WorkTypeCapability<TeamleaderSettings> = {
  choices: (s) => s.workTypes,
  read: (s) => ({ defaultId: s.workTypeId, byRemoteProject: s.projectWorkTypes }),
  write: (s, v) => ({ workTypeId: v.defaultId, workTypeName: s.workTypes.find((w) => w.id === v.defaultId)?.name ?? "", projectWorkTypes: v.byRemoteProject }),
};

/** Teamleader's users, to match them to members by email. */
export async function listPeople(ctx: Ctx): Promise<RemotePerson[]> {
  const users = await tlList(ctx, "users.list");
  return users.map((u) => ({
    remoteId: str(u.id),
    email: str(u.email) || null,
    name: `${str(u.first_name)} ${str(u.last_name)}`.trim() || str(u.email),
    active: str(u.status) !== "deactivated",
    self: str(u.id) === ctx.settings.userId,
  }));
}
