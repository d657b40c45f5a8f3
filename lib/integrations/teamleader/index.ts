import type { Provider } from "../types";
import { listPeople, listProjects, listTasks, workTypes } from "./catalog";
import { isComplete } from "./map";
import { authorizeUrl, exchangeCode, fromRefreshToken, refresh } from "./oauth";
import { changesSince } from "./pull";
import { teamleaderConnectSettingsSchema, teamleaderSettingsSchema, type TeamleaderSettings } from "./settings";
import { createLog, deleteLog, findLog, updateLog } from "./time-tracking";

export type { TeamleaderSettings } from "./settings";

/** Teamleader Focus over its JSON API (/work/shared/integrations/teamleader.md): two-way time tracking. */
export const teamleader: Provider<TeamleaderSettings> = {
  name: "teamleader",
  label: "Teamleader Focus",
  settingsSchema: teamleaderSettingsSchema,
  connectSettingsSchema: teamleaderConnectSettingsSchema,
  settingsForm: [{ name: "workTypeName", label: "Default work type (optional)", kind: "text", hint: "As named in Teamleader, e.g. Development. Empty: the account's first work type." }],
  overrideUrls: { auth: "TEAMLEADER_AUTH_URL", api: "TEAMLEADER_API_URL" },
  connectLead:
    "You will be asked to allow Stint to read your projects, companies and users and to manage your time tracking. Your entries on its projects are then sent there, and time you book in Teamleader comes back.",
  // 200 requests per sliding minute per integration and account (contract §3): a bucket of 20 refilled at
  // 3 per second never exceeds 20 + 180 in any minute. A 429 pauses until its X-RateLimit-Reset.
  rateLimit: { burst: 20, perSecond: 3, blockMs: 1_000 },
  connect: {
    kind: "oauth2",
    clientIdEnv: ["TEAMLEADER_CLIENT_ID"],
    clientSecretEnv: ["TEAMLEADER_CLIENT_SECRET"],
    authorizeUrl,
    exchangeCode,
    fromRefreshToken,
    refresh,
  },
  import: { listProjects, listTasks, listPeople, matchMembers: true },
  push: { isComplete, createLog, updateLog, deleteLog, findLog, defaultRouting: "imported_projects" },
  pull: { changesSince },
  workTypes,
};
