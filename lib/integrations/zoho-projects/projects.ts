import type { ProviderContext, RemoteProject, RemoteTask } from "../types";
import { idOf, zohoList } from "./client";
import type { ZohoSettings } from "./settings";

// Importing Zoho's projects and tasks (contract §3.2, §3.3); ids are always id_string.

type Item = Record<string, unknown>;
const itemsOf = (key: string) => (body: Item) => (Array.isArray(body[key]) ? (body[key] as Item[]) : []);
const text = (v: unknown) => (typeof v === "string" ? v : "");

/** Active and archived projects of the connection's portal (templates are left out). */
export async function listProjects(ctx: ProviderContext<ZohoSettings>): Promise<RemoteProject[]> {
  const path = `/restapi/portal/${ctx.settings.portalId}/projects/`;
  const out: RemoteProject[] = [];
  for (const status of ["active", "archived"] as const) {
    const items = await zohoList(ctx, { path, query: { status } }, itemsOf("projects"));
    for (const p of items) {
      const id = idOf(p);
      if (!id) continue;
      const description = text(p.description).trim();
      out.push({ remoteId: id, name: text(p.name) || id, description: description || null, status });
    }
  }
  return out;
}

export async function listTasks(ctx: ProviderContext<ZohoSettings>, remoteProjectId: string): Promise<RemoteTask[]> {
  const path = `/restapi/portal/${ctx.settings.portalId}/projects/${encodeURIComponent(remoteProjectId)}/tasks/`;
  const items = await zohoList(ctx, { path, query: { status: "all" } }, itemsOf("tasks"));
  return items.flatMap((t) => {
    const id = idOf(t);
    return id ? [{ remoteId: id, name: text(t.name) || id, done: t.completed === true || t.completed === "true" }] : [];
  });
}
