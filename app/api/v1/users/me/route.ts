import { ops } from "@/lib/api/operations";
import { apiRoute } from "@/lib/api/route";
import { serializeUser, updateSettings } from "@/lib/users/service";
import { actingWorkspace } from "@/lib/workspaces/actor";
import { otherMethods } from "@/lib/api/other-methods";

/** The user, and the workspace this token or session acts in with the user's role there. */
export const GET = apiRoute(ops.me, async ({ db, caller }) => ({
  user: serializeUser(caller.user),
  workspace: await actingWorkspace(db, caller.actor),
  role: caller.actor.role,
}));

// Settings change who "today" is for every report: browser sessions, or tokens with admin:all.
export const PATCH = apiRoute(ops.updateMe, async ({ db, caller, body }) => ({
  message: "Settings saved",
  user: serializeUser(await updateSettings(db, caller.user.id, body)),
}));

export const { POST, PUT, DELETE } = otherMethods("GET", "PATCH");
