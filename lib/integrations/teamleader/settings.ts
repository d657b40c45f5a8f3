import { IANAZone } from "luxon";
import { z } from "zod";

// What a Teamleader Focus connection remembers besides its credentials: who connected (users.me: the
// account is the tenant, the user id goes into every time entry), which projects module the account uses,
// the default work type, and per project its customer (the subject of a time entry without a task).

const uuid = z.string().min(1).max(100);

export const teamleaderSettingsSchema = z.object({
  accountId: uuid,
  userId: uuid,
  userName: z.string().default(""),
  userEmail: z.string().default(""),
  /** The Teamleader user's zone: days (midnight splits, reconciliation) are counted in it. */
  timeZone: z
    .string()
    .refine((tz) => IANAZone.isValidZone(tz), "must be an IANA time zone")
    .default("Europe/Brussels"),
  projectsModule: z.enum(["projects-v2", "legacy"]).default("projects-v2"),
  /** The connection's default work type (work_type_id of every entry unless its project overrides it). */
  workTypeId: uuid.nullable().default(null),
  workTypeName: z.string().default(""),
  /** The account's work types, as the last import listed them (the choices of the default and overrides). */
  workTypes: z.array(z.object({ id: uuid, name: z.string() })).default([]),
  /** Remote project id → work type id, overriding the default for that project. */
  projectWorkTypes: z.record(z.string(), uuid).default({}),
  /** Remote project id → its customer company id (learned on import), or null when it has none. */
  projectCustomers: z.record(z.string(), uuid.nullable()).default({}),
  /** Stint user id → Teamleader user id: the workspace's members matched by email at the last import
   *  (lib/integrations/sync/member-users.ts); each entry is booked as its member's Teamleader user. */
  memberUsers: z.record(z.string(), uuid).default({}),
  baseUrls: z.object({ auth: z.url(), api: z.url() }).optional(),
});

export type TeamleaderSettings = z.infer<typeof teamleaderSettingsSchema>;

/** What a person chooses when connecting: the default work type by name (empty: the account's first). */
export const teamleaderConnectSettingsSchema = z.object({
  workTypeName: z.string().trim().max(200).optional(),
});
