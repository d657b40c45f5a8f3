import { z } from "zod";

// Inputs of the integration operations, shared by the API, the pages and the CLI.

/** Settings a person may choose when connecting (the provider's schema validates them fully). */
export const connectSettingsSchema = z.record(z.string(), z.union([z.string().max(200), z.number(), z.boolean()])).default({});

export const connectWithTokenSchema = z.object({
  refresh_token: z.string().trim().min(10, "Paste the whole refresh token.").max(2000),
  settings: connectSettingsSchema,
});
export type ConnectWithTokenInput = z.input<typeof connectWithTokenSchema>;

export const beginOAuthSchema = z.object({ settings: connectSettingsSchema });
