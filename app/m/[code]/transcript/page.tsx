import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { TranscriptView } from "@/components/meeting/captions/transcript-view";
import { TopBar } from "@/components/ui/top-bar";
import { getSessionUser } from "@/lib/auth";
import { getMeetingCaller } from "@/lib/auth/caller";
import { isBanned } from "@/lib/db/queries/meeting-bans";
import { getMeetingByCode } from "@/lib/db/queries/meetings";
import { listTranscriptSegments, toStoredCaption } from "@/lib/db/queries/transcript-segments";
import { getT } from "@/lib/i18n/server";
import { isMeetingCode } from "@/lib/meetings/code";
import { decodeParam } from "@/lib/meetings/code-format";
import { readMeetingSettings } from "@/lib/meetings/settings";

type Props = { params: Promise<{ code: string }> };

export const metadata: Metadata = { robots: { index: false } };

/** A meeting's stored transcript, for everyone who may be in the meeting (the same rule as its chat). */
export default async function TranscriptPage({ params }: Props) {
  const code = decodeParam((await params).code);
  const t = await getT();
  const meeting = isMeetingCode(code) ? await getMeetingByCode({ code }) : undefined;
  const caller = meeting ? await getMeetingCaller(meeting) : null;
  if (meeting && !caller) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/m/${meeting.code}/transcript`)}`);
  if (!meeting || !caller || (await isBanned({ meetingId: meeting.id, identity: caller.identity }))) {
    return (
      <main id="main" className="page stack">
        <p role="alert" className="alert">
          {t("meeting.notFound", { code })}
        </p>
        <Link href="/">{t("common.appName")}</Link>
      </main>
    );
  }
  const user = await getSessionUser();
  const segments = (await listTranscriptSegments({ meetingId: meeting.id })).map(toStoredCaption);
  return (
    <>
      <TopBar t={t} userName={user?.name ?? null} />
      <main id="main" className="page stack">
        <TranscriptView code={meeting.code} title={meeting.title} e2ee={readMeetingSettings(meeting.settings).e2ee} segments={segments} />
      </main>
    </>
  );
}
