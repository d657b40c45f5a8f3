import type { Provider } from "../types";
import { createLog, deleteLog, findLog, updateLog } from "./logs";
import { isComplete } from "./map";
import { authorizeUrl, exchangeCode, fromRefreshToken, refresh } from "./oauth";
import { listProjects, listTasks } from "./projects";
import { zohoConnectSettingsSchema, zohoSettingsSchema, type ZohoSettings } from "./settings";

export type { ZohoSettings } from "./settings";

/** Zoho Projects over the classic REST API (/work/shared/integrations/zoho-projects.md). */
export const zohoProjects: Provider<ZohoSettings> = {
  name: "zoho-projects",
  label: "Zoho Projects",
  settingsSchema: zohoSettingsSchema,
  connectSettingsSchema: zohoConnectSettingsSchema,
  // Zoho blocks for 30 minutes after 100 calls in 2 minutes: stay under 80 per 2 minutes.
  rateLimit: { burst: 10, perSecond: 80 / 120, blockMs: 30 * 60 * 1000 },
  capabilities: { pushEntries: true, importProjects: true, pullActivity: false },
  connect: { kind: "oauth2", authorizeUrl, exchangeCode, fromRefreshToken, refresh },
  listProjects,
  listTasks,
  isComplete,
  createLog,
  updateLog,
  deleteLog,
  findLog,
};
