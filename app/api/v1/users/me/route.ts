import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { serializeUser, updateSettings } from "@/lib/users/service";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = apiRoute(ops.me, async ({ caller }) => ({ user: serializeUser(caller.user) }));

// Settings change who "today" is for every report: browser sessions, or tokens with admin:all.
export const PATCH = apiRoute(ops.updateMe, async ({ db, caller, body }) => ({
  message: "Settings saved",
  user: serializeUser(await updateSettings(db, caller.user.id, body)),
}));

export const { POST, PUT, DELETE } = otherMethods("GET", "PATCH");
