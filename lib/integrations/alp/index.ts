import { AppError } from "@/lib/errors";
import { envVar } from "@/lib/env";
import { PermanentError, type Provider } from "../types";
import { AlpApiError, alpFetch } from "./client";
import { createLog, deleteLog, findLog, updateLog } from "./entries";
import { isComplete } from "./map";
import { listProjects, listTasks } from "./matters";
import { listPeople } from "./people";
import { alpConnectSettingsSchema, alpSettingsSchema, type AlpSettings } from "./settings";

export type { AlpSettings } from "./settings";

/** A practice-management API speaking /work/shared/integrations/alp.md (the seed's "ALP"). */
export const alp: Provider<AlpSettings> = {
  name: "alp",
  label: "ALP (practice management)",
  settingsSchema: alpSettingsSchema,
  connectSettingsSchema: alpConnectSettingsSchema,
  settingsForm: [
    { name: "url", label: "API address", kind: "url", hint: "Your practice's ALP API, e.g. https://alp.example-law.com/api. Leave empty for the server's default (ALP_API_URL)." },
    { name: "email", label: "Your email in ALP (optional)", kind: "text", hint: "Only when it differs from your Stint email: your entries are recorded as that ALP user." },
  ],
  connectLead: "Paste your personal ALP API key. Matters, outcomes and components are imported as projects and tasks; your entries on matters are then sent to ALP once stopped.",
  reasons: {
    settings: "Some connection settings are not valid: check the API address and the email, then connect again.",
    provider_refused: "ALP refused the key or could not be reached at that address: check both, then connect again.",
  },
  // Contract: 60 requests a minute per key. A bucket of 10 refilled at 50 a minute never exceeds it.
  rateLimit: { burst: 10, perSecond: 50 / 60, blockMs: 60_000 },
  connect: {
    kind: "api_key",
    /** One call (the first user) checks address and key together. */
    async check(apiKey, settings, http) {
      const url = settings.url ?? alpSettingsSchema.shape.url.safeParse(envVar("ALP_API_URL") ?? "").data;
      if (!url) throw AppError.validation({ "settings.url": ["Give your practice's ALP API address (this server has no default ALP_API_URL)."] });
      try {
        const { json } = await alpFetch({ http, url, apiKey: apiKey.trim() }, { path: "/users", query: { page: 1, per_page: 1 } });
        if (!Array.isArray(json?.data)) throw new PermanentError(`${url} does not answer like an ALP API (no "data" list at /users).`);
      } catch (e) {
        if (e instanceof AlpApiError && e.status === 404) throw new PermanentError(`${url} does not answer like an ALP API (/users: ${e.message}).`);
        throw e;
      }
      return { label: `ALP at ${new URL(url).host}`, settings: { url, email: settings.email, gstTypes: [], matterGst: {} } };
    },
  },
  import: { listProjects, listTasks, listPeople },
  push: { isComplete, createLog, updateLog, deleteLog, findLog, defaultRouting: "imported_projects" },
};
