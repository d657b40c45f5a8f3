import { z } from "zod";
import { PermanentError, type Provider, type SyncEntry } from "@/lib/integrations/types";

// A small generic provider for the framework's tests: connects with an API key its own `check` call
// validates, declares its settings form, and receives every entry of the workspace (it imports nothing).
// Nothing in lib/ names it: it reaches the engine only through the registry a test passes.

type Settings = { account: string; baseUrls?: { api: string } };

export function apiKeySystem(name = `keyed-${Math.random().toString(36).slice(2, 8)}`) {
  const validKeys = new Set(["key-accepted-0001"]);
  const checks: string[] = [];
  const logs = new Map<string, { entryId: number; description: string; minutes: number; project: string | null }>();
  let serial = 0;
  const toLog = (entry: SyncEntry) => ({
    entryId: entry.id,
    description: entry.description,
    minutes: Math.round((entry.endAt!.getTime() - entry.startAt.getTime()) / 60_000),
    project: entry.remoteProjectId,
  });
  async function authorized(ctx: { accessToken(): Promise<string> }) {
    if (!validKeys.has(await ctx.accessToken())) throw new PermanentError("The key was revoked.", "connection");
  }

  const provider: Provider<Settings> = {
    name,
    label: "Keyed Books",
    settingsSchema: z.object({ account: z.string().regex(/^[a-z]+$/, "Lower-case letters only."), baseUrls: z.object({ api: z.url() }).optional() }),
    connectSettingsSchema: z.object({ account: z.string().regex(/^[a-z]+$/, "Lower-case letters only.") }),
    settingsForm: [{ name: "account", label: "Account name", kind: "text", required: true, hint: "As in your Keyed Books address." }],
    overrideUrls: { api: `${name.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_API_URL` },
    connectLead: "Paste an API key from Keyed Books: every entry of this workspace is then sent there.",
    rateLimit: { burst: 1000, perSecond: 1000, blockMs: 50 },
    connect: {
      kind: "api_key",
      async check(apiKey, settings) {
        checks.push(apiKey);
        if (!validKeys.has(apiKey)) throw new PermanentError("Keyed Books refused this API key (HTTP 401).", "connection");
        return { label: `${settings.account} (Keyed Books)`, settings: { account: settings.account ?? "" } };
      },
    },
    push: {
      defaultRouting: "workspace",
      async createLog(ctx, entry) {
        await authorized(ctx);
        const id = `log-${++serial}`;
        logs.set(id, toLog(entry));
        return { id, meta: {} };
      },
      async updateLog(ctx, ref, entry) {
        await authorized(ctx);
        logs.set(ref.id, toLog(entry));
        return ref;
      },
      async deleteLog(ctx, ref) {
        await authorized(ctx);
        logs.delete(ref.id);
      },
    },
  };
  return { provider, logs, checks, validKey: "key-accepted-0001", revoke: () => validKeys.clear() };
}
