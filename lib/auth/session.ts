import { cache } from "react";
import { getDb } from "@/db";
import { getUserById, type PublicUser } from "@/lib/users/service";
import { auth } from "./index";

/** The signed-in user, read fresh from the database once per request (a deleted user's cookie is worthless). */
export const currentUser = cache(async (): Promise<PublicUser | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return getUserById(getDb(), id);
});


/** The stored session of this browser (to keep it when a password change ends the others). */
export async function currentSessionId(): Promise<number | undefined> {
  return (await auth())?.sessionId;
}
