import Link from "next/link";
import { redirect } from "next/navigation";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { enabledOAuthProviders, getSessionUser } from "@/lib/auth";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { getEnv } from "@/lib/env";
import { getT } from "@/lib/i18n/server";
import { signInAction, signUpAction } from "@/app/(auth)/actions";

/** Shared body of /sign-in and /sign-up. */
export async function AuthPage({ mode, searchParams }: { mode: "sign-in" | "sign-up"; searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl: raw } = await searchParams;
  const callbackUrl = safeCallbackUrl(raw, getEnv().APP_URL);
  if (await getSessionUser()) redirect(callbackUrl);
  const t = await getT();
  const other = mode === "sign-in" ? "/sign-up" : "/sign-in";
  return (
    <main id="main" className="page" style={{ maxWidth: 420 }}>
      <div className="card stack">
        <h1>{t(mode === "sign-in" ? "auth.signInTitle" : "auth.signUpTitle")}</h1>
        <CredentialsForm mode={mode} action={mode === "sign-in" ? signInAction : signUpAction} callbackUrl={callbackUrl} />
        <OAuthButtons providers={enabledOAuthProviders()} callbackUrl={callbackUrl} t={t} />
        <Link href={`${other}?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
          {t(mode === "sign-in" ? "auth.noAccount" : "auth.haveAccount")}
        </Link>
      </div>
    </main>
  );
}
