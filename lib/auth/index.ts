import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { env } from "@/lib/env";
import { persistentSecret } from "@/lib/runtime/secrets";
import { clientAddress } from "@/lib/runtime/client-address";
import { isDatabaseUnavailable } from "@/lib/runtime/database-unavailable";
import { TooManySignIns, verifyCredentialsLimited } from "@/lib/users/sign-in-limit";
import { createSession, endSession, isSessionLive, SESSION_MAX_AGE_SECONDS, type SessionRef } from "./sessions";

/** Too many failed attempts (from this address): the sign-in page says so instead of "incorrect password". */
export class TooManySignInAttempts extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly retryAfter: number) {
    super();
  }
}

/** The database cannot be reached (down, or closing while the server stops): not a wrong password. */
export class SignInUnavailable extends CredentialsSignin {
  code = "unavailable";
}

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
    /** The stored session this cookie belongs to (lib/auth/sessions.ts). */
    sessionId?: number;
  }
  interface User {
    session?: SessionRef;
  }
}

/** What the cookie's JWT holds beyond next-auth's own claims. */
type Claims = { uid?: unknown; sid?: unknown; skey?: unknown; unverified?: boolean; [claim: string]: unknown };

function sessionRefOf(token: Claims | null | undefined): SessionRef | null {
  if (!token || typeof token.sid !== "number" || typeof token.skey !== "string") return null;
  const userId = Number(token.uid);
  return Number.isSafeInteger(userId) ? { id: token.sid, key: token.skey, userId } : null;
}

// Lazy config: the secret may live in the data folder, which must not be touched during `next build`.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET ?? persistentSecret("auth"),
  // Self-hosted behind whatever proxy or port the owner picks; AUTH_URL pins the public URL when set.
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const input = { email: String(credentials?.email ?? ""), password: String(credentials?.password ?? "") };
        try {
          const user = await verifyCredentialsLimited(getDb(), input, clientAddress(request.headers));
          if (!user) return null;
          const session = await createSession(getDb(), user.id, { userAgent: request.headers.get("user-agent") });
          return { id: String(user.id), email: user.email, name: user.name, session };
        } catch (error) {
          if (error instanceof TooManySignIns) throw new TooManySignInAttempts(error.retryAfter);
          if (isDatabaseUnavailable(error)) throw new SignInUnavailable();
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id && user.session) return { ...token, uid: user.id, sid: user.session.id, skey: user.session.key };
      const ref = sessionRefOf(token as Claims);
      // A cookie without a stored session (revoked, signed out, or issued before sessions were stored)
      // is worthless: null makes next-auth treat the request as signed out (and drop the cookie where it can).
      if (!ref) return null;
      const { unverified: _stale, ...claims } = token as typeof token & Claims;
      try {
        return (await isSessionLive(getDb(), ref)) ? claims : null;
      } catch (error) {
        // The database did not answer: signed out for this request, but the cookie is kept (a blip
        // must not sign everybody out).
        console.error(`[auth] session check failed: ${(error as Error).message}`);
        return { ...claims, unverified: true };
      }
    },
    session({ session, token }) {
      const claims = token as typeof token & Claims;
      if (!claims.unverified && typeof claims.uid === "string") session.user.id = claims.uid;
      if (typeof claims.sid === "number") session.sessionId = claims.sid;
      return session;
    },
  },
  events: {
    async signOut(message) {
      const ref = sessionRefOf("token" in message ? (message.token as Claims | null) : null);
      if (ref) await endSession(getDb(), ref);
    },
  },
  logger: {
    // A wrong password is not a server error: keep it (and its stack) out of the logs.
    error(error) {
      if ((error as { type?: string }).type === "CredentialsSignin") {
        // Said once per failed sign-in, without the stack: the operator needs to know the database is away.
        if ((error as { code?: string }).code === "unavailable") console.error("[auth] sign-in refused: the database is not available");
        return;
      }
      console.error(`[auth] ${(error as { type?: string }).type ?? error.name}: ${error.message}`);
    },
  },
}));
