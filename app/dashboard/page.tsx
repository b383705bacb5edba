import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { JoinByCodeForm } from "@/components/dashboard/join-by-code-form";
import { MeetingList } from "@/components/dashboard/meeting-list";
import { NewMeetingForm } from "@/components/dashboard/new-meeting-form";
import { RememberUpcoming } from "@/components/pwa/remember-upcoming";
import { TopBar } from "@/components/ui/top-bar";
import { getSessionUser } from "@/lib/auth";
import { listMeetingsForUser } from "@/lib/db/queries/meetings";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("dashboard.title") };
}

export default async function DashboardPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in?callbackUrl=/dashboard");
  const t = await getT();
  const { upcoming, past } = await listMeetingsForUser({ userId: user.id });
  return (
    <>
      <TopBar t={t} userName={user.name} />
      <RememberUpcoming
        meetings={upcoming.map((m) => ({ code: m.code, title: m.title, status: m.status, scheduledStart: m.scheduledStart?.toISOString() ?? null }))}
      />
      <main id="main" className="page stack">
        <h1>{t("dashboard.greeting", { name: user.name })}</h1>
        <NewMeetingForm />
        <div className="card">
          <JoinByCodeForm />
        </div>
        <section className="stack" aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading">{t("dashboard.upcoming")}</h2>
          <MeetingList meetings={upcoming} empty={t("dashboard.noUpcoming")} t={t} testId="upcoming-meetings" />
        </section>
        <section className="stack" aria-labelledby="past-heading">
          <h2 id="past-heading">{t("dashboard.past")}</h2>
          <MeetingList meetings={past} empty={t("dashboard.noPast")} t={t} testId="past-meetings" />
        </section>
      </main>
    </>
  );
}
