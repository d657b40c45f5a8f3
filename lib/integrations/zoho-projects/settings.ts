import { IANAZone } from "luxon";
import { z } from "zod";
import { parseZohoDc, ZOHO_DCS } from "./hosts";

// What a Zoho Projects connection remembers besides its credentials. The portal's time zone decides
// which day a log belongs to (contract: "Portal timezone defines what date means").

/** The data centre, in any spelling parseZohoDc reads (`eu`, `.eu`, `com`, `.com.au`...), stored as Stint's name. */
const dcSchema = z.preprocess(
  (v) => parseZohoDc(v) ?? v,
  z.enum(ZOHO_DCS, { error: "Use a Zoho data centre: us (.com), eu (.eu), in (.in), au (.com.au) or jp (.jp)." }),
);

const portalIdSchema = z.preprocess((v) => (typeof v === "number" ? String(v) : v), z.string().regex(/^\d+$/, "Use the portal's id: digits only."));

export const zohoSettingsSchema = z.object({
  dc: dcSchema.default("us"),
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

/** What a person chooses when connecting, checked before anything is sent to Zoho. */
export const zohoConnectSettingsSchema = z.object({
  dc: dcSchema.optional(),
  portalId: portalIdSchema.optional(),
});

/** A portal's zone as Zoho reports it, or UTC when it is missing or not an IANA name. */
export function portalZone(timeZone: unknown): string {
  return typeof timeZone === "string" && IANAZone.isValidZone(timeZone) ? timeZone : "UTC";
}
