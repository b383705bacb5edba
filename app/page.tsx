import Link from "next/link";
import { JoinByCodeForm } from "@/components/dashboard/join-by-code-form";
import { TopBar } from "@/components/ui/top-bar";
import { getSessionUser } from "@/lib/auth";
import { getT } from "@/lib/i18n/server";

export default async function LandingPage() {
  const user = await getSessionUser();
  const t = await getT();
  return (
    <>
      <TopBar t={t} userName={user?.name ?? null} />
      <main id="main" className="page stack">
        <h1>{t("common.appName")}</h1>
        <p className="muted">{t("common.tagline")}</p>
        <div className="row">
          <Link className="btn btn-primary" href={user ? "/dashboard" : "/sign-up"}>
            {user ? t("common.dashboard") : t("common.signUp")}
          </Link>
        </div>
        <div className="card">
          <JoinByCodeForm />
        </div>
      </main>
    </>
  );
}
