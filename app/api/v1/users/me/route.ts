import { apiRoute } from "@/lib/api/route";
import { updateSettingsSchema } from "@/lib/users/schema";
import { serializeUser, updateSettings } from "@/lib/users/service";

export const GET = apiRoute({ scope: "read:users" }, async ({ caller }) => ({ user: serializeUser(caller.user) }));

// Settings change who "today" is for every report: browser sessions, or tokens with admin:all.
export const PATCH = apiRoute({ scope: "admin:all", body: updateSettingsSchema }, async ({ db, caller, body }) => ({
  message: "Settings saved",
  user: serializeUser(await updateSettings(db, caller.user.id, body)),
}));
