import { z } from "zod";
import { ROUTING_RULES } from "./types";

// Inputs of the integration operations, shared by the API, the pages and the CLI.

/** Settings a person may choose when connecting (the provider's schema validates them fully). */
export const connectSettingsSchema = z.record(z.string(), z.union([z.string().max(200), z.number(), z.boolean()])).default({});

export const connectWithTokenSchema = z.object({
  refresh_token: z.string().trim().min(10, "Paste the whole refresh token.").max(2000),
  settings: connectSettingsSchema,
});
export type ConnectWithTokenInput = z.input<typeof connectWithTokenSchema>;

export const beginOAuthSchema = z.object({ settings: connectSettingsSchema });

export const connectWithKeySchema = z.object({
  api_key: z.string().trim().min(8, "Paste the whole API key.").max(2000),
  settings: connectSettingsSchema,
});
export type ConnectWithKeyInput = z.input<typeof connectWithKeySchema>;

/** POST /integrations/providers/{provider}/connect: a pasted refresh token (OAuth providers), an API key
 *  (API-key providers) or neither (providers that need only their settings); what is missing for the
 *  provider's kind is a field error of the service. */
export const connectWithCredentialsSchema = z
  .object({
    refresh_token: connectWithTokenSchema.shape.refresh_token.optional(),
    api_key: connectWithKeySchema.shape.api_key.optional(),
    settings: connectSettingsSchema,
  })
  .superRefine((v, ctx) => {
    if (v.refresh_token !== undefined && v.api_key !== undefined) ctx.addIssue({ code: "custom", path: ["api_key"], message: "Send a refresh token or an API key, not both." });
  });
export type ConnectWithCredentialsInput = z.input<typeof connectWithCredentialsSchema>;

/** PATCH /integrations/{id}: which entries the connection receives. */
// Every field optional, as in Stint's other PATCHes: an empty body changes nothing and answers the connection.
export const updateIntegrationSchema = z.object({
  routing: z
    .object({
      rule: z.enum(ROUTING_RULES),
      project_ids: z.array(z.number().int().positive()).max(500).default([]),
    })
    .optional(),
  // Work types (Teamleader): the connection's default, and per imported project an override (null: the default).
  work_types: z
    .object({
      default_id: z.string().min(1).max(100).nullable().optional(),
      projects: z
        .record(z.string().regex(/^[1-9]\d{0,9}$/, "must be a project id"), z.string().min(1).max(100).nullable())
        .refine((r) => Object.keys(r).length <= 500, "at most 500 projects at once")
        .optional(),
    })
    .optional(),
});
export type UpdateIntegrationInput = z.input<typeof updateIntegrationSchema>;
