import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { TranscriptView } from "@/components/meeting/captions/transcript-view";
import { TopBar } from "@/components/ui/top-bar";
import { getSessionUser } from "@/lib/auth";
import { getMeetingCaller } from "@/lib/auth/caller";
import { getMeetingByCode } from "@/lib/db/queries/meetings";
import { listTranscriptSegments, toStoredCaption } from "@/lib/db/queries/transcript-segments";
import { getT } from "@/lib/i18n/server";
import { checkAdmission } from "@/lib/meetings/admission";
import { isMeetingCode } from "@/lib/meetings/code";
import { decodeParam } from "@/lib/meetings/code-format";
import { readMeetingSettings } from "@/lib/meetings/settings";
import { AppError } from "@/lib/errors";
import type { Meeting } from "@/lib/db/schema";
import type { MeetingCaller } from "@/lib/auth/caller";

type Props = { params: Promise<{ code: string }> };

export const metadata: Metadata = { robots: { index: false } };

/** Let into the room right now (the same rule as the transcript and chat routes); a refusal is answered like an unknown code. */
async function isAdmitted(meeting: Meeting, caller: MeetingCaller): Promise<boolean> {
  try {
    return (await checkAdmission(meeting, caller, { rememberBan: false })) === "in";
  } catch (error) {
    if (error instanceof AppError && error.kind === "forbidden") return false;
    throw error;
  }
}

/** A meeting's stored transcript, for everyone who may be in the meeting (the same rule as its chat). */
export default async function TranscriptPage({ params }: Props) {
  const code = decodeParam((await params).code);
  const t = await getT();
  const meeting = isMeetingCode(code) ? await getMeetingByCode({ code }) : undefined;
  const caller = meeting ? await getMeetingCaller(meeting) : null;
  if (meeting && !caller) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/m/${meeting.code}/transcript`)}`);
  if (!meeting || !caller || !(await isAdmitted(meeting, caller))) {
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
