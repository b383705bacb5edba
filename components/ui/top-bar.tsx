import Link from "next/link";
import { cookies } from "next/headers";
import { InstallButton } from "@/components/pwa/install-button";
import { Preferences } from "@/components/ui/preferences";
import { SignOutButton } from "@/components/ui/sign-out-button";
import { signOut } from "@/lib/auth";
import type { Translate } from "@/lib/i18n";
import { THEME_COOKIE, readTheme } from "@/lib/theme";

export async function TopBar({ t, userName }: { t: Translate; userName: string | null }) {
  async function signOutAction() {
    "use server";
    await signOut({ redirectTo: "/" });
  }
  const theme = readTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <header className="topbar">
      <Link href="/" className="brand">
        {t("common.appName")}
      </Link>
      <nav className="row" aria-label={t("common.appName")}>
        <Preferences theme={theme} />
        <InstallButton />
        {userName ? (
          <>
            <Link href="/dashboard">{t("common.dashboard")}</Link>
            <Link href="/recordings">{t("recordings.title")}</Link>
            <SignOutButton action={signOutAction} label={t("common.signOut")} />
          </>
        ) : (
          <>
            <Link href="/sign-in">{t("common.signIn")}</Link>
            <Link className="btn btn-primary" href="/sign-up">
              {t("common.signUp")}
            </Link>
          </>
        )}
      </nav>
    </header>
  );
}
