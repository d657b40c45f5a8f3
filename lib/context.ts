import { redirect } from "next/navigation";
import { getDb, type Db } from "@/db";
import { currentUser } from "@/lib/auth/session";
import type { PublicUser } from "@/lib/users/service";

// app/ never imports db/: pages, server actions and route handlers get the database (and the user)
// from here or from the API wrapper, and hand it to lib/<domain> functions.

export type PublicContext = { db: Db };
export type UserContext = { db: Db; user: PublicUser };

export function publicContext(): PublicContext {
  return { db: getDb() };
}

/** For pages and actions under the app: the signed-in user, or a redirect to sign-in. */
export async function userContext(): Promise<UserContext> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return { db: getDb(), user };
}
