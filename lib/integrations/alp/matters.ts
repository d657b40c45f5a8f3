import type { ProviderContext, RemoteProject, RemoteTask } from "../types";
import { alpList, idOf, targetOf } from "./client";
import { refreshUser } from "./people";
import { taskName, taskRef } from "./map";
import type { AlpSettings } from "./settings";

// Matters become projects ("<number> <name>", the client in the description), each outcome's components
// tasks named "Outcome › Component". Each import also refreshes the GST types, every matter's default GST
// type and the person's ALP user.

const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");

export async function listProjects(ctx: ProviderContext<AlpSettings>): Promise<RemoteProject[]> {
  const target = await targetOf(ctx);
  const active = await alpList(target, "/matters", { status: "active" });
  const closed = await alpList(target, "/matters", { status: "closed" });
  const gst = await alpList(target, "/gst_types");
  const out: RemoteProject[] = [];
  const matterGst: Record<string, string | null> = {};
  for (const [items, status] of [[active, "active"], [closed, "archived"]] as const) {
    for (const m of items) {
      const id = idOf(m.id);
      if (!id) continue;
      matterGst[id] = idOf(m.default_gst_type_id);
      out.push({ remoteId: id, name: [text(m.number), text(m.name)].filter(Boolean).join(" ") || id, description: text(m.client_name) || null, status });
    }
  }
  const gstTypes = gst.flatMap((g) => {
    const id = idOf(g.id);
    return id ? [{ id, name: text(g.name) || id }] : [];
  });
  await ctx.remember({ gstTypes, matterGst });
  await refreshUser(ctx);
  return out;
}

export async function listTasks(ctx: ProviderContext<AlpSettings>, matterId: string): Promise<RemoteTask[]> {
  const target = await targetOf(ctx);
  const outcomes = await alpList(target, `/matters/${encodeURIComponent(matterId)}/outcomes`);
  const tasks: RemoteTask[] = [];
  for (const o of outcomes) {
    const outcomeId = idOf(o.id);
    if (!outcomeId) continue;
    const components = await alpList(target, `/outcomes/${encodeURIComponent(outcomeId)}/components`);
    for (const c of components) {
      const componentId = idOf(c.id);
      if (componentId) tasks.push({ remoteId: taskRef(outcomeId, componentId), name: taskName(text(o.name) || outcomeId, text(c.name) || componentId), done: false });
    }
  }
  return tasks;
}
