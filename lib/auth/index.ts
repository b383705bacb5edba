import "server-only";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { getDb } from "@/lib/db/client";
import { accounts, sessions, users, verificationTokens } from "@/lib/db/schema";
import { isSessionRevoked, revokeSession } from "@/lib/db/queries/revoked-sessions";
import { getUserByEmail } from "@/lib/db/queries/users";
import { getEnv } from "@/lib/env";
import { checkRateLimit } from "@/lib/rate-limit";
import { getDummyHash, verifyPassword } from "./password";
import { safeCallbackUrl } from "./callback-url";
import { signInSchema } from "./schema";
import { shouldUseSecureCookies } from "./cookies";

async function buildConfig(): Promise<NextAuthConfig> {
  const env = getEnv();
  const db = await getDb();
  return {
    secret: env.AUTH_SECRET,
    trustHost: true,
    useSecureCookies: shouldUseSecureCookies(),
    // JWT sessions carry a session id (`sid`); signing out records it as revoked, and every
    // request checks that list, so a copied cookie stops working at sign-out, not at expiry.
    session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE_SECONDS },
    // The adapter is only used by OAuth providers (users + linked accounts).
    adapter: DrizzleAdapter(db as never, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    } as never),
    pages: { signIn: "/sign-in" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(raw) {
          const parsed = signInSchema.safeParse(raw);
          if (!parsed.success) return null;
          const limit = await checkRateLimit({ bucket: "passwordCheckByEmail", key: parsed.data.email });
          if (!limit.allowed) return null;
          const user = await getUserByEmail({ email: parsed.data.email });
          if (!user?.passwordHash) {
            await verifyPassword(parsed.data.password, await getDummyHash());
            return null;
          }
          if (!(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
          return { id: user.id, name: user.name, email: user.email };
        },
      }),
      ...(env.github ? [GitHub(env.github)] : []),
      ...(env.google ? [Google(env.google)] : []),
    ],
    events: {
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        if (typeof token?.sid !== "string") return;
        const expiresAt = new Date((typeof token.exp === "number" ? token.exp : Date.now() / 1000 + env.SESSION_MAX_AGE_SECONDS) * 1000);
        await revokeSession({ sessionId: token.sid, expiresAt });
      },
    },
    callbacks: {
      async jwt({ token, user }) {
        if (user?.id) {
          token.sub = user.id;
          token.sid = crypto.randomUUID();
          return token;
        }
        // A session from before session ids, or one signed out elsewhere: no longer valid.
        if (typeof token.sid !== "string" || (await isSessionRevoked({ sessionId: token.sid }))) return null;
        return token;
      },
      // Auth.js's own check prefixes any "/…" with our origin and keeps the rest as typed; ours
      // resolves it as a browser would first (see lib/auth/callback-url.ts), for OAuth callbacks too.
      redirect({ url, baseUrl }) {
        return new URL(safeCallbackUrl(url, baseUrl), baseUrl).toString();
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());

export function enabledOAuthProviders(): Array<"github" | "google"> {
  const env = getEnv();
  return [...(env.github ? (["github"] as const) : []), ...(env.google ? (["google"] as const) : [])];
}

/** The signed-in user's id and name, or null. */
export async function getSessionUser(): Promise<{ id: string; name: string; email: string | null } | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return { id, name: session.user?.name ?? session.user?.email ?? "", email: session.user?.email ?? null };
}
