import crypto from "node:crypto";
import type { Db } from "@/db";
import { SCOPES } from "@/lib/tokens/scopes";
import { registerUser, type PublicUser } from "@/lib/users/service";
import { userActor, type MemberActor } from "@/lib/workspaces/actor";

/** A user who is also their actor: the owner of their personal workspace, through a browser session. */
export type TestUser = PublicUser & MemberActor & { actor: MemberActor };

/** A fresh user for an integration test, who can be passed to services as their own actor (in their personal workspace). */
export async function makeUser(db: Db, opts: { timezone?: string; weekStart?: number; isAdmin?: boolean } = {}): Promise<TestUser> {
  const tag = crypto.randomBytes(4).toString("hex");
  const user = await registerUser(
    db,
    { email: `u-${tag}@example.com`, name: `User ${tag}`, password: `pass-${tag}-word`, timezone: opts.timezone, weekStart: opts.weekStart },
    { isAdmin: opts.isAdmin },
  );
  const actor = await userActor(db, user, SCOPES);
  return { ...user, ...actor, actor };
}
