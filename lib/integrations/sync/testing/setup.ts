import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { entrySyncLinks, projects, tasks } from "@/db/schema";
import type { Actor } from "@/lib/workspaces/policy";
import { saveConnection } from "../../connections";
import { registerProvider } from "../../registry";
import { importProjects } from "../import-projects";
import { pushDueLinks, type WorkerOptions } from "../worker";
import { memorySystem } from "./memory-provider";

export const FAST: WorkerOptions = { backoff: { baseMs: 1, capMs: 5 }, idleMs: 5 };

/** A user's connection to a fresh in-memory system, with its projects and tasks imported. */
export async function connectMemory(db: Db, actor: Actor, opts: { rotating?: boolean } = {}) {
  const system = memorySystem(undefined, opts);
  registerProvider(system.provider);
  const connection = await saveConnection(db, actor, system.provider, {
    label: "Memory account",
    settings: { region: "eu" },
    credentials: { refreshToken: system.refreshToken },
  });
  await importProjects(db, connection);
  const [project] = await db.select().from(projects).where(and(eq(projects.connectionId, connection.id), eq(projects.remoteId, "9000000000000000001")));
  const [task] = await db.select().from(tasks).where(eq(tasks.connectionId, connection.id));
  return { system, connection, project, task };
}

/** Pushes until nothing is pending any more (retries included), or fails after `ms`. */
export async function drain(db: Db, connectionId: number, opts: WorkerOptions = FAST, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    await pushDueLinks(db, opts, connectionId);
    const pending = and(eq(entrySyncLinks.connectionId, connectionId), eq(entrySyncLinks.state, "pending"));
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(entrySyncLinks).where(pending);
    if (Number(n) === 0) return;
    if (Date.now() > deadline) throw new Error(`${n} links still pending`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function linkOf(db: Db, entryId: number) {
  const [link] = await db.select().from(entrySyncLinks).where(eq(entrySyncLinks.entryId, entryId));
  return link;
}
