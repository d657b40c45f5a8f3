"use server";

import { signOut } from "@/lib/auth";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { userContext } from "@/lib/context";

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}

/** Ends every session of the account, this one included (a lost laptop, a shared computer). */
export async function signOutEverywhereAction() {
  const { db, user } = await userContext();
  await revokeAllSessions(db, user.id);
  await signOut({ redirectTo: "/sign-in" });
}
