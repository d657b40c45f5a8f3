import { z } from "zod";

/** A RescueTime connection needs no settings of the person's: the key says whose data it is. `baseUrls.api`
 *  is the administrator's override (RESCUETIME_API_URL), never a person's input. */
export const rescueTimeSettingsSchema = z.object({ baseUrls: z.object({ api: z.string() }).optional() });
export type RescueTimeSettings = z.infer<typeof rescueTimeSettingsSchema>;

export const rescueTimeConnectSettingsSchema = z.object({}).strict();

export const RESCUETIME_URL = "https://www.rescuetime.com";
export const apiBase = (settings: Partial<RescueTimeSettings>) => (settings.baseUrls?.api ?? RESCUETIME_URL).replace(/\/+$/, "");
