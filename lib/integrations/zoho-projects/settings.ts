import { IANAZone } from "luxon";
import { z } from "zod";
import { ZOHO_DCS } from "./hosts";

// What a Zoho Projects connection remembers besides its credentials. The portal's time zone decides
// which day a log belongs to (contract: "Portal timezone defines what date means").

export const zohoSettingsSchema = z.object({
  dc: z.enum(ZOHO_DCS).default("us"),
  portalId: z.string().regex(/^\d+$/, "must be a Zoho portal id"),
  portalName: z.string().default(""),
  portalTimeZone: z
    .string()
    .refine((tz) => IANAZone.isValidZone(tz), "must be an IANA time zone")
    .default("UTC"),
  /** The person's Zoho Projects user id (ZPUID), learned from the first log Stint writes: reconciliation
   *  only adopts their own logs, never a colleague's identical one. */
  ownerId: z.string().regex(/^\d+$/).optional(),
  /** Overrides the DC's hosts: for tests and self-hosted proxies. */
  baseUrls: z.object({ accounts: z.url(), api: z.url() }).optional(),
});

export type ZohoSettings = z.infer<typeof zohoSettingsSchema>;

/** A portal's zone as Zoho reports it, or UTC when it is missing or not an IANA name. */
export function portalZone(timeZone: unknown): string {
  return typeof timeZone === "string" && IANAZone.isValidZone(timeZone) ? timeZone : "UTC";
}
