import { z } from "zod";

// What an ALP connection remembers besides its key (contract: /work/shared/integrations/alp.md).

const httpUrl = z
  .url({ protocol: /^https?$/, error: "Use the http(s) address of your practice's ALP API." })
  .refine((u) => {
    if (!URL.canParse(u)) return true; // the format check above already said so
    const url = new URL(u);
    return !url.username && !url.password && !url.search && !url.hash;
  }, "Give the API's address only (no user name, password, query or #fragment): the key goes in its own field.")
  .transform((u) => u.replace(/\/+$/, ""));

export const alpSettingsSchema = z.object({
  /** The practice's API base URL (the person's, or ALP_API_URL's when they gave none). */
  url: httpUrl,
  /** The person's email in ALP when it is not their Stint email. */
  email: z.email().optional(),
  /** The person's ALP user, found by email on the first push and again at every import. */
  userId: z.string().nullable().optional(),
  userEmail: z.string().optional(),
  /** GST types as of the last import, for tags that name one. */
  gstTypes: z.array(z.object({ id: z.string(), name: z.string() })).default([]),
  /** Each imported matter's default GST type (the per-project default). */
  matterGst: z.record(z.string(), z.string().nullable()).default({}),
});

export type AlpSettings = z.infer<typeof alpSettingsSchema>;

/** What a person gives when connecting, checked before anything is sent. */
export const alpConnectSettingsSchema = z.object({
  url: z.preprocess((v) => (typeof v === "string" && !v.trim() ? undefined : typeof v === "string" ? v.trim() : v), httpUrl.optional()),
  email: z.preprocess((v) => (typeof v === "string" && !v.trim() ? undefined : typeof v === "string" ? v.trim().toLowerCase() : v), z.email({ error: "Use the email address you have in ALP." }).optional()),
});
