"use server";

import { revalidatePath } from "next/cache";
import { signOut } from "@/lib/auth";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { userContext } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { switchWorkspace } from "@/lib/workspaces/actor";

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}

/** Ends every session of the account, this one included (a lost laptop, a shared computer). */
export async function signOutEverywhereAction() {
  const { db, user } = await userContext();
  await revokeAllSessions(db, user.id);
  await signOut({ redirectTo: "/sign-in" });
}

/** The header's switcher: this browser session acts in another of the user's workspaces from now on. */
export async function switchWorkspaceAction(workspaceId: number) {
  // An action's argument comes from the browser as is: anything but an id is no workspace of this user.
  if (!Number.isSafeInteger(workspaceId)) throw new AppError("not_found", "Workspace not found.");
  const { db, user, sessionId } = await userContext();
  await switchWorkspace(db, sessionId, user.id, workspaceId);
  revalidatePath("/", "layout");
}
