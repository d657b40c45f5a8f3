import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { env } from "@/lib/env";
import { persistentSecret } from "@/lib/runtime/secrets";
import { clientAddress } from "@/lib/runtime/client-address";
import { TooManySignIns, verifyCredentialsLimited } from "@/lib/users/sign-in-limit";

/** Too many failed attempts (from this address): the sign-in page says so instead of "incorrect password". */
export class TooManySignInAttempts extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly retryAfter: number) {
    super();
  }
}

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
}

// Lazy config: the secret may live in the data folder, which must not be touched during `next build`.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET ?? persistentSecret("auth"),
  // Self-hosted behind whatever proxy or port the owner picks; AUTH_URL pins the public URL when set.
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const input = { email: String(credentials?.email ?? ""), password: String(credentials?.password ?? "") };
        const user = await verifyCredentialsLimited(getDb(), input, clientAddress(request.headers)).catch((error) => {
          throw error instanceof TooManySignIns ? new TooManySignInAttempts(error.retryAfter) : error;
        });
        return user ? { id: String(user.id), email: user.email, name: user.name } : null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
  logger: {
    // A wrong password is not a server error: keep it (and its stack) out of the logs.
    error(error) {
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      console.error(`[auth] ${(error as { type?: string }).type ?? error.name}: ${error.message}`);
    },
  },
}));
