import type { Provider } from "../types";
import { ZOHO_DCS, type ZohoDc } from "./hosts";
import { createLog, deleteLog, findLog, updateLog } from "./logs";
import { isComplete } from "./map";
import { authorizeUrl, exchangeCode, fromRefreshToken, refresh } from "./oauth";
import { listProjects, listTasks } from "./projects";
import { zohoConnectSettingsSchema, zohoSettingsSchema, type ZohoSettings } from "./settings";

export type { ZohoSettings } from "./settings";

const DC_NAMES: Record<ZohoDc, string> = {
  us: "United States (zoho.com)",
  eu: "Europe (zoho.eu)",
  in: "India (zoho.in)",
  au: "Australia (zoho.com.au)",
  jp: "Japan (zoho.jp)",
};

/** Zoho Projects over the classic REST API (/work/shared/integrations/zoho-projects.md). */
export const zohoProjects: Provider<ZohoSettings> = {
  name: "zoho-projects",
  label: "Zoho Projects",
  settingsSchema: zohoSettingsSchema,
  connectSettingsSchema: zohoConnectSettingsSchema,
  settingsForm: [
    { name: "dc", label: "Data centre", kind: "select", options: ZOHO_DCS.map((dc) => ({ value: dc, label: DC_NAMES[dc] })), defaultValue: "us", hint: "Where your Zoho account lives: the address you sign in at." },
    { name: "portalId", label: "Portal ID (optional)", kind: "text", inputMode: "numeric", pattern: "[0-9]*", hint: "Leave empty for your default portal." },
  ],
  overrideUrls: { accounts: "ZOHO_ACCOUNTS_URL", api: "ZOHO_API_URL" },
  connectLead: "You will be asked to allow Stint to read your projects and write your time logs. Your entries in its projects are then sent there when you stop the timer.",
  reasons: {
    settings: "Some connection settings are not valid: check the data centre and the portal id, then connect again.",
    provider_refused:
      "The provider refused the connection or could not be reached: check the data centre and portal, then connect again (the CLI's integrations connect shows the provider's reason).",
  },
  // Zoho blocks for 30 minutes after 100 calls in 2 minutes: stay under 80 per 2 minutes.
  rateLimit: { burst: 10, perSecond: 80 / 120, blockMs: 30 * 60 * 1000 },
  connect: {
    kind: "oauth2",
    // ZOHO_CLIENT_ID is how Zoho's own docs call it; the long name follows the provider's id.
    clientIdEnv: ["ZOHO_PROJECTS_CLIENT_ID", "ZOHO_CLIENT_ID"],
    clientSecretEnv: ["ZOHO_PROJECTS_CLIENT_SECRET", "ZOHO_CLIENT_SECRET"],
    authorizeUrl,
    exchangeCode,
    fromRefreshToken,
    refresh,
  },
  import: { listProjects, listTasks },
  push: { isComplete, createLog, updateLog, deleteLog, findLog, defaultRouting: "imported_projects" },
};
