import type { Metadata } from "next";
import Link from "next/link";
import { MeetingClient } from "@/components/meeting/meeting-client";
import { getMeetingCaller } from "@/lib/auth/caller";
import { getMeetingByCode } from "@/lib/db/queries/meetings";
import { getT } from "@/lib/i18n/server";
import { isMeetingCode } from "@/lib/meetings/code";
import { decodeParam } from "@/lib/meetings/code-format";
import { readMeetingSettings } from "@/lib/meetings/settings";

type Props = { params: Promise<{ code: string }> };

export const metadata: Metadata = { robots: { index: false } };

export default async function MeetingPage({ params }: Props) {
  const { code: rawCode } = await params;
  const code = decodeParam(rawCode);
  const t = await getT();
  const meeting = isMeetingCode(code) ? await getMeetingByCode({ code }) : undefined;
  if (!meeting) {
    return (
      <main className="page stack">
        <p role="alert" className="alert">
          {t("meeting.notFound", { code })}
        </p>
        <Link href="/">{t("common.appName")}</Link>
      </main>
    );
  }
  const caller = await getMeetingCaller(meeting);
  return (
    <MeetingClient
      code={meeting.code}
      title={meeting.title}
      caller={caller ? { name: caller.name, canPublish: caller.canPublish } : null}
      signInHref={`/sign-in?callbackUrl=${encodeURIComponent(`/m/${meeting.code}`)}`}
      e2ee={readMeetingSettings(meeting.settings).e2ee}
      signedIn={caller?.kind === "user"}
    />
  );
}
