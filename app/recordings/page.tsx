import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { RetentionSetting } from "@/components/recordings/retention-setting";
import { LocalTime } from "@/components/ui/local-time";
import { TopBar } from "@/components/ui/top-bar";
import { getSessionUser } from "@/lib/auth";
import { getMeetingByCode } from "@/lib/db/queries/meetings";
import { getLocale, getT } from "@/lib/i18n/server";
import { readMeetingSettings } from "@/lib/meetings/settings";
import { formatBytes, formatDuration } from "@/lib/recordings/format";
import { listVisibleRecordingsForUser } from "@/lib/recordings/load";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("recordings.title") };
}

type Props = { searchParams: Promise<{ meeting?: string | string[] }> };

/** Every recording the person may see (hosts and co-hosts: all of their meetings'; others: what was shared), or one meeting's. */
export default async function RecordingsPage({ searchParams }: Props) {
  const { meeting: meetingParam } = await searchParams;
  const meetingCode = typeof meetingParam === "string" ? meetingParam : undefined;
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(meetingCode ? `/recordings?meeting=${meetingCode}` : "/recordings")}`);
  const [t, locale] = await Promise.all([getT(), getLocale()]);
  const rows = (await listVisibleRecordingsForUser(user.id)).filter(({ meeting }) => !meetingCode || meeting.code === meetingCode);
  const meeting = meetingCode ? await getMeetingByCode({ code: meetingCode }) : undefined;
  const isHost = meeting?.hostId === user.id;

  return (
    <>
      <TopBar t={t} userName={user.name} />
      <main id="main" className="page stack">
        <h1>{meeting ? t("recordings.meetingTitle", { meeting: meeting.title }) : t("recordings.title")}</h1>
        {meeting && <Link href="/recordings">{t("recordings.allRecordings")}</Link>}
        {meeting && isHost && <RetentionSetting code={meeting.code} days={readMeetingSettings(meeting.settings).recordingRetentionDays} />}
        {rows.length === 0 ? (
          <p className="muted">{t("recordings.empty")}</p>
        ) : (
          <table className="table" data-testid="recordings-table">
            <thead>
              <tr>
                <th scope="col">{t("recordings.column.title")}</th>
                {!meeting && <th scope="col">{t("recordings.column.meeting")}</th>}
                <th scope="col">{t("recordings.column.date")}</th>
                <th scope="col">{t("recordings.column.duration")}</th>
                <th scope="col">{t("recordings.column.size")}</th>
                <th scope="col">{t("recordings.column.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ recording: r, meeting: m }) => (
                <tr key={r.id} data-testid="recording-row" data-id={r.id}>
                  <td>
                    <Link href={`/recordings/${r.id}`}>{r.title}</Link>
                  </td>
                  {!meeting && (
                    <td>
                      <Link href={`/recordings?meeting=${m.code}`}>{m.title}</Link>
                    </td>
                  )}
                  <td>
                    <LocalTime iso={r.startedAt.toISOString()} />
                  </td>
                  <td>{r.durationMs !== null ? formatDuration(r.durationMs) : "—"}</td>
                  <td>{r.sizeBytes !== null ? formatBytes(r.sizeBytes, locale) : "—"}</td>
                  <td>
                    {t(`recordings.status.${r.status}`)}
                    {r.deleteAfter && (
                      <span className="muted">
                        {" · "}
                        {t("recordings.deletesOn", { date: r.deleteAfter.toISOString().slice(0, 10) })}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </>
  );
}
