import type { Db } from "@/db";
import { hitRateLimit, peekRateLimit } from "@/lib/api/rate-limit";
import { AppError } from "@/lib/errors";
import { verifyCredentials, type PublicUser } from "./service";
import type { SignInInput } from "./schema";

// Failed sign-ins are counted per client address and per account-and-address, whichever door they come
// through (the sign-in page or POST /api/v1/auth/login), in the database so every instance shares the
// count. Never per account alone: then anyone, anywhere, could lock the owner out by guessing wrong.
// Per address, spraying one password over many accounts is throttled too.
export const SIGN_IN_LIMITS = {
  perAddress: { perMinute: 20, perHour: 200 },
  perAccountAndAddress: { perMinute: 10, perHour: 60 },
};

export class TooManySignIns extends AppError {
  constructor(readonly retryAfter: number) {
    super("rate_limited", `Too many sign-in attempts. Retry after ${retryAfter} s.`, { retry_after: retryAfter });
  }
}

function buckets(email: string, clientAddress: string) {
  return [
    { bucket: `sign-in:address:${clientAddress}`, limits: SIGN_IN_LIMITS.perAddress },
    { bucket: `sign-in:account:${email.trim().toLowerCase()}:${clientAddress}`, limits: SIGN_IN_LIMITS.perAccountAndAddress },
  ];
}

async function retryAfter(db: Db, list: ReturnType<typeof buckets>): Promise<number | null> {
  const waits = await Promise.all(list.map((b) => peekRateLimit(db, b.bucket, b.limits)));
  const over = waits.filter((w): w is number => w !== null);
  return over.length ? Math.max(...over) : null;
}

/**
 * verifyCredentials, limited: throws TooManySignIns (429) while this address, or this account from this
 * address, has used up its failures. Only failures count. A correct password is also refused if
 * failures made at the same moment (a burst sent at once) have since used up the limit, so a burst
 * cannot try more passwords than the limit allows.
 */
export async function verifyCredentialsLimited(db: Db, input: SignInInput, clientAddress: string): Promise<PublicUser | null> {
  const list = buckets(input.email, clientAddress);
  const before = await retryAfter(db, list);
  if (before !== null) throw new TooManySignIns(before);
  const user = await verifyCredentials(db, input);
  if (!user) {
    await Promise.all(list.map((b) => hitRateLimit(db, b.bucket, b.limits)));
    return null;
  }
  const after = await retryAfter(db, list);
  if (after !== null) throw new TooManySignIns(after);
  return user;
}
