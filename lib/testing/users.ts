import crypto from "node:crypto";
import type { Db } from "@/db";
import { registerUser, type PublicUser } from "@/lib/users/service";

/** A fresh user for an integration test. */
export function makeUser(db: Db, opts: { timezone?: string; weekStart?: number; isAdmin?: boolean } = {}): Promise<PublicUser> {
  const tag = crypto.randomBytes(4).toString("hex");
  return registerUser(db, { email: `u-${tag}@example.com`, name: `User ${tag}`, password: `pass-${tag}-word`, timezone: opts.timezone, weekStart: opts.weekStart }, { isAdmin: opts.isAdmin });
}
