import { z } from "zod";
import { id, numeric } from "@/lib/api/fields";
import { SCOPES } from "./scopes";

export const scopeSchema = z.enum(SCOPES, { error: `Unknown scope: use one of ${SCOPES.join(", ")}.` });

const expiryDays = numeric(z.number({ error: "Use a whole number of days from 1 to 3650." }).int("Use a whole number of days from 1 to 3650.").min(1, "Use a whole number of days from 1 to 3650.").max(3650, "Use a whole number of days from 1 to 3650."));

/** A token from POST /auth/login lives this long unless the client asks for another span. */
export const LOGIN_TOKEN_DAYS = 30;

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name.").max(100, "Use at most 100 characters."),
  description: z.string().trim().max(500).optional(),
  scopes: z.array(scopeSchema).min(1, "Choose at least one scope.").transform((s) => [...new Set(s)]),
  expiresInDays: expiryDays.optional(),
});
export type CreateTokenInput = z.input<typeof createTokenSchema>;

/** POST /auth/login: TimeTracker clients send `username`; Stint's usernames are email addresses. */
export const loginSchema = z
  .object({
    username: z.string().trim().max(254).optional(),
    email: z.string().trim().max(254).optional(),
    password: z.string({ error: "Enter the password." }).min(1, "Enter the password.").max(200),
    expires_in_days: expiryDays.optional().describe("Days until the token expires (1-3650, default 30)"),
    scopes: z.array(scopeSchema).min(1, "Choose at least one scope.").optional().describe("Fewer scopes than the user's own (default: all of them)"),
    client_name: z.string().trim().min(1).max(80).optional().describe("The client's name, shown in the token's name: \"Login: <client_name>\""),
    name: z.string().trim().min(1).max(80).optional().describe("Same as client_name"),
  })
  .refine((v) => v.username || v.email, { path: ["email"], message: "Send username or email." })
  .transform((v) => ({
    email: (v.email || v.username)!,
    password: v.password,
    expiresInDays: v.expires_in_days ?? LOGIN_TOKEN_DAYS,
    scopes: v.scopes ? [...new Set(v.scopes)] : undefined,
    client: v.client_name ?? v.name,
  }));

/** Creating a token through the API; an admin may create one for another user. */
export const createTokenRequestSchema = createTokenSchema.extend({
  user_id: id().optional(),
  /** Admins: the email of the user the token is for (instead of user_id). */
  user_email: z.string().trim().toLowerCase().max(254).optional(),
  expires_in_days: expiryDays.optional(),
});
export type CreateTokenRequest = z.output<typeof createTokenRequestSchema>;
