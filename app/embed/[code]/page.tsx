import type { Metadata } from "next";
import { EmbedClient } from "@/components/embed/embed-client";
import { EmbedRefused } from "@/components/embed/embed-refused";
import { getMeetingCaller } from "@/lib/auth/caller";
import { getMeetingByCode } from "@/lib/db/queries/meetings";
import { isAllowedOrigin } from "@/lib/embed-sdk/origin";
import { isMeetingCode } from "@/lib/meetings/code";
import { decodeParam } from "@/lib/meetings/code-format";
import { embedOriginsOf } from "@/lib/meetings/embed";
import { readMeetingSettings } from "@/lib/meetings/settings";

type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<{ origin?: string | string[]; name?: string | string[] }>;
};

export const metadata: Metadata = { robots: { index: false } };

const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/**
 * A meeting inside another site's iframe. The browser only renders it for sites on the meeting's
 * allow-list (proxy.ts sends frame-ancestors); `?origin=` names the embedding site for postMessage
 * and must be on that list too, or the page talks to nobody and says so.
 */
export default async function EmbedPage({ params, searchParams }: Props) {
  const { code: rawCode } = await params;
  const query = await searchParams;
  const code = decodeParam(rawCode);
  const meeting = isMeetingCode(code) ? await getMeetingByCode({ code }) : undefined;
  const origin = single(query.origin);
  if (!meeting || !origin || !isAllowedOrigin(origin, embedOriginsOf(meeting))) {
    return <EmbedRefused code={meeting?.code ?? null} />;
  }
  const caller = await getMeetingCaller(meeting);
  return (
    <EmbedClient
      code={meeting.code}
      title={meeting.title}
      parentOrigin={new URL(origin).origin}
      initialName={single(query.name)?.slice(0, 64) ?? ""}
      caller={caller ? { name: caller.name, canPublish: caller.canPublish } : null}
      e2ee={readMeetingSettings(meeting.settings).e2ee}
    />
  );
}
