import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { entrySyncLinks, projects, tasks } from "@/db/schema";
import { saveConnection } from "@/lib/integrations/connections";
import type { AnyProvider, ProviderRegistry } from "@/lib/integrations/registry";
import { importProjects } from "@/lib/integrations/sync/import-projects";
import { pushDueLinks, type WorkerOptions } from "@/lib/integrations/sync/worker";
import type { Actor } from "@/lib/workspaces/policy";
import { memorySystem } from "../fakes/providers/memory-provider";

// The sync engine's test harness: the providers a test works with (passed to the engine, never put into
// the app's registry), fast retries, and "push until nothing is pending".

/** A registry the test fills: `use` adds or replaces a provider (e.g. Zoho with a tighter rate limit). */
export function testRegistry(initial: AnyProvider[] = []): ProviderRegistry & { use(provider: AnyProvider): void } {
  const byName = new Map(initial.map((p) => [p.name, p]));
  return {
    get: (name) => byName.get(name),
    all: () => [...byName.values()],
    use: (provider) => void byName.set(provider.name, provider),
  };
}

/** The providers of this test process's engine calls. */
export const testProviders = testRegistry();

export const FAST: WorkerOptions = { backoff: { baseMs: 1, capMs: 5 }, idleMs: 5, providers: testProviders };

/** A user's connection to a fresh in-memory system, with its projects and tasks imported. */
export async function connectMemory(db: Db, actor: Actor, opts: { rotating?: boolean } = {}) {
  const system = memorySystem(undefined, opts);
  testProviders.use(system.provider);
  const connection = await saveConnection(db, actor, system.provider, {
    label: "Memory account",
    settings: { region: "eu" },
    credentials: { refreshToken: system.refreshToken },
  });
  await importProjects(db, connection, undefined, testProviders);
  const [project] = await db.select().from(projects).where(and(eq(projects.connectionId, connection.id), eq(projects.remoteId, "9000000000000000001")));
  const [task] = await db.select().from(tasks).where(eq(tasks.connectionId, connection.id));
  return { system, connection, project, task };
}

/** Pushes until nothing is pending any more (retries included), or fails after `ms`. */
export async function drain(db: Db, connectionId: number, opts: WorkerOptions = FAST, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    await pushDueLinks(db, { providers: testProviders, ...opts }, connectionId);
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
