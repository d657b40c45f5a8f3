import { redirect } from "next/navigation";
import { getDb, type Db } from "@/db";
import { currentSessionId, currentUser } from "@/lib/auth/session";
import { SCOPES } from "@/lib/tokens/scopes";
import type { PublicUser } from "@/lib/users/service";
import { sessionActor, type MemberActor } from "@/lib/workspaces/actor";

// app/ never imports db/: pages, server actions and route handlers get the database (and the user)
// from here or from the API wrapper, and hand it to lib/<domain> functions.

export type PublicContext = { db: Db };
/** `actor`: the user as a member of the workspace this browser session acts in (its switcher's choice). */
export type UserContext = { db: Db; user: PublicUser; actor: MemberActor; sessionId?: number };

export function publicContext(): PublicContext {
  return { db: getDb() };
}

/** For pages and actions under the app: the signed-in user, or a redirect to sign-in. */
export async function userContext(): Promise<UserContext> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  const db = getDb();
  const sessionId = await currentSessionId();
  return { db, user, actor: await sessionActor(db, user, sessionId, SCOPES), sessionId };
}
