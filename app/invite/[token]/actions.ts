"use server";

import { redirect } from "next/navigation";
import { currentSessionId } from "@/lib/auth/session";
import { userContext } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { acceptInvitation } from "@/lib/workspaces/invitations";
import { chooseSessionWorkspace } from "@/lib/workspaces/session-workspace";

export type JoinState = { message?: string };

/** The Join button: accept as the signed-in user, then work in the joined workspace. */
export async function joinAction(token: string, _prev: JoinState): Promise<JoinState> {
  const { db, user } = await userContext();
  try {
    const workspace = await acceptInvitation(db, { userId: user.id, via: "session" }, { token });
    await chooseSessionWorkspace(db, { userId: user.id, sessionId: await currentSessionId() }, workspace.id);
  } catch (error) {
    if (error instanceof AppError) return { message: error.message };
    throw error;
  }
  redirect("/");
}
