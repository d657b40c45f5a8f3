import { z } from "zod";
import { SCOPES } from "./scopes";

export const scopeSchema = z.enum(SCOPES, { error: `Unknown scope: use one of ${SCOPES.join(", ")}.` });

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name.").max(100, "Use at most 100 characters."),
  description: z.string().trim().max(500).optional(),
  scopes: z.array(scopeSchema).min(1, "Choose at least one scope.").transform((s) => [...new Set(s)]),
  expiresInDays: z.coerce.number().int().min(1).max(3650).optional(),
});
export type CreateTokenInput = z.input<typeof createTokenSchema>;
