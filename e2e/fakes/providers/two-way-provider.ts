import { z } from "zod";
import type { Provider, RemoteLogChange, RemoteLogRef, SyncEntry } from "@/lib/integrations/types";

// A two-way outside system in memory, for the pull tests: it imports two projects, takes pushes, and keeps
// a journal of every change to its logs (Stint's pushes and the person's own edits there alike, as a real
// system's "changed since" does), which `pull.changesSince` serves from a numeric cursor. Nothing in lib/
// names it: a test passes it to the engine through its own registry.

type Settings = { account: string };
export type TwoWayLog = { id: string; project: string | null; startAt: Date; endAt: Date; description: string; billable: boolean };

export const TWO_WAY_PROJECTS = { main: "tw-project-1", other: "tw-project-2", notImported: "tw-project-9" } as const;

export function twoWaySystem(name = `two-way-${Math.random().toString(36).slice(2, 8)}`) {
  const logs = new Map<string, TwoWayLog>();
  /** Which log changed, in order; a cursor is the position reached. */
  const journal: string[] = [];
  /** When each log last changed (or was deleted): its updated time, which the pull reports as changedAt. */
  const changedAt = new Map<string, Date>();
  const calls = { create: 0, update: 0, delete: 0, pull: 0 };
  /** What each push call sent, in order, to tell "pushed back" from "left alone". */
  const pushed: { op: "create" | "update" | "delete"; id: string; description?: string }[] = [];
  let serial = 0;

  const write = (log: TwoWayLog) => {
    logs.set(log.id, log);
    journal.push(log.id);
    changedAt.set(log.id, new Date());
  };
  const drop = (id: string) => {
    if (!logs.delete(id)) return;
    journal.push(id);
    changedAt.set(id, new Date());
  };
  const fromEntry = (entry: SyncEntry, id: string): TwoWayLog => ({
    id,
    project: entry.remoteProjectId,
    startAt: entry.startAt,
    endAt: entry.endAt!,
    description: entry.description,
    billable: entry.billable,
  });
  const ref = (log: TwoWayLog): RemoteLogRef => ({ id: log.id, meta: { project: log.project } });

  const provider: Provider<Settings> = {
    name,
    label: "Two-Way Books",
    settingsSchema: z.object({ account: z.string() }),
    rateLimit: { burst: 1000, perSecond: 1000, blockMs: 50 },
    connect: {
      kind: "api_key",
      async check(_apiKey, settings) {
        return { label: "Two-Way account", settings: { account: settings.account ?? "acme" } };
      },
    },
    import: {
      async listProjects() {
        return [
          { remoteId: TWO_WAY_PROJECTS.main, name: "Two-way main", status: "active" },
          { remoteId: TWO_WAY_PROJECTS.other, name: "Two-way other", status: "active" },
        ];
      },
    },
    push: {
      defaultRouting: "imported_projects",
      async createLog(_ctx, entry) {
        calls.create++;
        const log = fromEntry(entry, `tw-${++serial}`);
        write(log);
        pushed.push({ op: "create", id: log.id, description: entry.description });
        return ref(log);
      },
      async updateLog(ctx, r, entry) {
        calls.update++;
        pushed.push({ op: "update", id: r.id, description: entry.description });
        if (!logs.has(r.id)) return provider.push!.createLog(ctx, entry);
        const log = fromEntry(entry, r.id);
        write(log);
        return ref(log);
      },
      async findLog(_ctx, entry, taken) {
        const want = fromEntry(entry, "");
        for (const log of logs.values()) {
          const same = log.startAt.getTime() === want.startAt.getTime() && log.endAt.getTime() === want.endAt.getTime();
          if (!taken.has(log.id) && same && log.description === want.description && log.project === want.project) return ref(log);
        }
        return null;
      },
      async deleteLog(_ctx, r) {
        calls.delete++;
        pushed.push({ op: "delete", id: r.id });
        drop(r.id);
      },
    },
    pull: {
      async changesSince(_ctx, cursor) {
        calls.pull++;
        const from = cursor === null ? 0 : Number(cursor);
        // Each changed log once, as it is now, in the order of its last change.
        const changed = [...new Set(journal.slice(from).reverse())].reverse();
        const changes: RemoteLogChange[] = changed.map((id) => {
          const log = logs.get(id);
          if (!log) return { ref: { id, meta: {} }, deleted: true, changedAt: changedAt.get(id) };
          return { ref: ref(log), deleted: false, startAt: log.startAt, endAt: log.endAt, description: log.description, remoteProjectId: log.project, changedAt: changedAt.get(id) };
        });
        return { changes, cursor: String(journal.length) };
      },
    },
  };

  /** What a person does in the outside system itself. */
  const remote = {
    add(log: Omit<TwoWayLog, "id" | "billable"> & { billable?: boolean }): string {
      const id = `tw-${++serial}`;
      write({ billable: false, ...log, id });
      return id;
    },
    edit(id: string, patch: Partial<Omit<TwoWayLog, "id">>): void {
      const log = logs.get(id);
      if (!log) throw new Error(`no remote log ${id}`);
      write({ ...log, ...patch });
    },
    remove(id: string): void {
      drop(id);
    },
  };

  return { provider, logs, calls, pushed, remote, credentials: { apiKey: "two-way-key" } };
}
