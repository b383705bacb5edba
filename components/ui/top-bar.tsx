import Link from "next/link";
import { signOut } from "@/lib/auth";
import type { Translate } from "@/lib/i18n";

export function TopBar({ t, userName }: { t: Translate; userName: string | null }) {
  async function signOutAction() {
    "use server";
    await signOut({ redirectTo: "/" });
  }
  return (
    <header className="topbar">
      <Link href="/" style={{ fontWeight: 700, textDecoration: "none", color: "inherit" }}>
        {t("common.appName")}
      </Link>
      <nav className="row">
        {userName ? (
          <>
            <Link href="/dashboard">{t("common.dashboard")}</Link>
            <form action={signOutAction}>
              <button className="btn" type="submit">
                {t("common.signOut")}
              </button>
            </form>
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
