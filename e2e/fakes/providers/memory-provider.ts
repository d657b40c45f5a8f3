import { z } from "zod";
import { AuthExpiredError, PermanentError, RateLimitedError, TransientError, type Credentials, type Provider, type PushCapability, type RemoteLogRef, type SyncEntry } from "@/lib/integrations/types";

type Settings = { region: string };

// An outside system in memory, for the engine's tests: its logs, its OAuth tokens (optionally rotating)
// and faults to inject. The Zoho provider has its own fake HTTP server (e2e/fakes/zoho).

export type MemoryLog = { id: string; entryId: number; project: string; task: string | null; date: string; minutes: number; notes: string; billable: boolean };
type Fault = "500" | "429" | "permanent" | "lost-answer";

export function memorySystem(name = `memory-${Math.random().toString(36).slice(2, 8)}`, opts: { rotating?: boolean } = {}) {
  const logs = new Map<string, MemoryLog>();
  const faults: Fault[] = [];
  const calls = { create: 0, update: 0, delete: 0, find: 0, refresh: 0 };
  let nextId = 9_007_199_254_740_993n; // beyond 2^53: ids must stay strings
  const validAccess = new Set<string>();
  const validRefresh = new Set<string>(["refresh-0"]);
  let tokenSerial = 0;

  const toLog = (entry: SyncEntry, id: string): MemoryLog => ({
    id,
    entryId: entry.id,
    project: entry.remoteProjectId!,
    task: entry.remoteTaskId,
    date: entry.startAt.toISOString().slice(0, 10),
    minutes: Math.round((entry.endAt!.getTime() - entry.startAt.getTime()) / 60_000),
    notes: entry.description,
    billable: entry.billable,
  });

  async function authorized(ctx: { accessToken(): Promise<string>; refreshedAccessToken(): Promise<string> }) {
    const token = await ctx.accessToken();
    if (validAccess.has(token)) return;
    const fresh = await ctx.refreshedAccessToken();
    if (!validAccess.has(fresh)) throw new AuthExpiredError();
  }

  function takeFault(): Fault | undefined {
    return faults.shift();
  }

  function raise(fault: Fault | undefined) {
    if (fault === "500") throw new TransientError("HTTP 500 from the fake");
    if (fault === "429") throw new RateLimitedError("HTTP 429 from the fake", 50);
    if (fault === "permanent") throw new PermanentError("The fake refused this log (HTTP 400).");
  }

  const push: PushCapability<Settings> = {
    defaultRouting: "imported_projects",
    isComplete(entry) {
      if (!entry.remoteProjectId) return { ok: false, reason: "Choose a remote project" };
      if (!entry.endAt) return { ok: false, reason: "Still running" };
      if (!entry.description.trim()) return { ok: false, reason: "Needs a description" };
      return { ok: true };
    },
    async createLog(ctx, entry) {
      await authorized(ctx);
      calls.create++;
      const fault = takeFault();
      raise(fault);
      const id = String(nextId++);
      logs.set(id, toLog(entry, id));
      if (fault === "lost-answer") throw new TransientError("The connection dropped before the answer");
      return { id, meta: { project: entry.remoteProjectId } };
    },
    async updateLog(ctx, ref: RemoteLogRef, entry) {
      await authorized(ctx);
      calls.update++;
      raise(takeFault());
      if (!logs.has(ref.id)) return push.createLog(ctx, entry);
      logs.set(ref.id, toLog(entry, ref.id));
      return { id: ref.id, meta: { project: entry.remoteProjectId } };
    },
    async deleteLog(ctx, ref) {
      await authorized(ctx);
      calls.delete++;
      raise(takeFault());
      logs.delete(ref.id);
    },
    async findLog(ctx, entry, taken) {
      await authorized(ctx);
      calls.find++;
      const want = toLog(entry, "");
      for (const log of logs.values()) {
        if (!taken.has(log.id) && log.date === want.date && log.minutes === want.minutes && log.notes === want.notes && log.project === want.project) {
          return { id: log.id, meta: { project: log.project } };
        }
      }
      return null;
    },
  };

  const provider: Provider<Settings> = {
    name,
    label: "Memory",
    settingsSchema: z.object({ region: z.string() }),
    rateLimit: { burst: 1000, perSecond: 1000, blockMs: 50 },
    connect: {
      kind: "oauth2",
      clientIdEnv: ["MEMORY_CLIENT_ID"],
      clientSecretEnv: ["MEMORY_CLIENT_SECRET"],
      authorizeUrl: () => "https://memory.invalid/auth",
      async exchangeCode() {
        throw new Error("not used");
      },
      async refresh(_app, credentials: Credentials) {
        calls.refresh++;
        await new Promise((r) => setTimeout(r, 20)); // long enough for concurrent refreshes to overlap
        if (!credentials.refreshToken || !validRefresh.has(credentials.refreshToken)) {
          throw new PermanentError("The refresh token was revoked (invalid_code): reconnect.", "connection");
        }
        const accessToken = `access-${++tokenSerial}`;
        validAccess.add(accessToken);
        if (!opts.rotating) return { accessToken, accessTokenExpiresAt: Date.now() + 3_600_000 };
        validRefresh.delete(credentials.refreshToken);
        const refreshToken = `refresh-${tokenSerial}`;
        validRefresh.add(refreshToken);
        return { accessToken, accessTokenExpiresAt: Date.now() + 3_600_000, refreshToken };
      },
    },
    import: {
    async listProjects(ctx) {
        await authorized(ctx);
        return [
          { remoteId: "9000000000000000001", name: "Remote website", status: "active" },
          { remoteId: "9000000000000000002", name: "Remote archive", status: "archived" },
        ];
      },
      async listTasks(ctx, projectId) {
        await authorized(ctx);
        return projectId === "9000000000000000001" ? [{ remoteId: "7000000000000000001", name: "Design", done: false }] : [];
      },
    },
    push,
  };

  return {
    provider,
    logs,
    calls,
    faults,
    /** A refresh token the system accepts, to store as the connection's credentials. */
    refreshToken: "refresh-0",
    revokeAll() {
      validRefresh.clear();
      validAccess.clear();
    },
    expireAccessTokens() {
      validAccess.clear();
    },
  };
}
