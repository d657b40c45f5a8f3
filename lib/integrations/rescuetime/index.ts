import { todayIn } from "@/lib/time/period";
import type { Provider } from "../types";
import { activityBetween } from "./activity";
import { getData } from "./client";
import { apiBase, rescueTimeConnectSettingsSchema, rescueTimeSettingsSchema, type RescueTimeSettings } from "./settings";

export type { RescueTimeSettings } from "./settings";

/** RescueTime's Analytic Data API (/work/shared/integrations/rescuetime.md): a read source whose 5-minute
 *  activity buckets become suggested entries (lib/suggestions/); nothing is pushed to it. */
export const rescueTime: Provider<RescueTimeSettings> = {
  name: "rescuetime",
  label: "RescueTime",
  settingsSchema: rescueTimeSettingsSchema,
  connectSettingsSchema: rescueTimeConnectSettingsSchema,
  settingsForm: [],
  overrideUrls: { api: "RESCUETIME_API_URL" },
  connectLead:
    "Paste the API key you create at rescuetime.com/anapi/manage. Stint reads your activity every 30 minutes and turns it into suggested entries for you to review; nothing is written to RescueTime.",
  reasons: { provider_refused: "RescueTime refused the key or could not be reached: check the key, then connect again." },
  // No published limit: about one call a second per key, as the contract advises.
  rateLimit: { burst: 4, perSecond: 1, blockMs: 60_000 },
  connect: {
    kind: "api_key",
    // One call that any valid key answers: today's totals by top-level category.
    async check(apiKey, settings, http) {
      const today = todayIn("UTC");
      await getData(http, apiBase(settings), apiKey.trim(), { perspective: "rank", restrict_kind: "overview", restrict_begin: today, restrict_end: today });
      return { label: "RescueTime", settings: settings.baseUrls ? { baseUrls: settings.baseUrls } : {} };
    },
  },
  activity: { activityBetween },
};
