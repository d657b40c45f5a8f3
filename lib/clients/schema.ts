import { z } from "zod";
import { flag, money, optionalText, requiredName } from "@/lib/api/fields";
import { cursorPaginationQuery } from "@/lib/api/pagination";
import { feedQueryFields } from "@/lib/changes/schema";

export const createClientSchema = z.object({
  name: requiredName("Name", 200),
  email: z
    .union([z.literal(""), z.email("Enter a valid email address."), z.null()])
    .transform((v) => v || null)
    .optional(),
  company: optionalText("Company", 200),
  phone: optionalText("Phone", 50),
  hourly_rate: money("Hourly rate").describe("The rate of billable time on this client's projects when the project (and the member on it) has none; null clears it"),
});
export const updateClientSchema = createClientSchema.partial().extend({ archived: z.boolean().optional() });
export const listClientsQuery = cursorPaginationQuery.extend({ include_archived: flag.optional(), ...feedQueryFields });

export type CreateClientInput = z.input<typeof createClientSchema>;
export type UpdateClientInput = z.input<typeof updateClientSchema>;
