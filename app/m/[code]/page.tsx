import type { Metadata } from "next";
import Link from "next/link";
import { MeetingClient } from "@/components/meeting/meeting-client";
import { getMeetingCaller } from "@/lib/auth/caller";
import { getMeetingByCode } from "@/lib/db/queries/meetings";
import { getTranslator } from "@/lib/i18n";
import { isMeetingCode } from "@/lib/meetings/code";

type Props = { params: Promise<{ code: string }> };

export const metadata: Metadata = { robots: { index: false } };

/** Page params arrive still %-encoded here; a second decode of a decoded "%" must not throw. */
function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export default async function MeetingPage({ params }: Props) {
  const { code: rawCode } = await params;
  const code = decodeParam(rawCode);
  const t = getTranslator();
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
    />
  );
}
