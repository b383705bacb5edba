import Link from "next/link";
import type { MeetingListItem } from "@/lib/db/queries/meetings";
import type { MessageKey, Translate } from "@/lib/i18n";
import { LocalTime } from "@/components/ui/local-time";
import { readMeetingSettings } from "@/lib/meetings/settings";
import { CopyLinkButton } from "./copy-link-button";
import { EmbedSettings } from "./embed-settings";

const statusKey: Record<MeetingListItem["status"], MessageKey> = {
  live: "dashboard.statusLive",
  scheduled: "dashboard.statusScheduled",
  ended: "dashboard.statusEnded",
};
const roleKey: Record<MeetingListItem["role"], MessageKey> = {
  host: "dashboard.roleHost",
  co_host: "dashboard.roleCoHost",
  participant: "dashboard.roleParticipant",
  guest: "dashboard.roleParticipant",
  viewer: "dashboard.roleViewer",
};

export function MeetingList({ meetings, empty, t, testId }: { meetings: MeetingListItem[]; empty: string; t: Translate; testId: string }) {
  if (meetings.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="stack" style={{ listStyle: "none", padding: 0 }} data-testid={testId}>
      {meetings.map((m) => (
        <li key={m.id} className="card row" style={{ justifyContent: "space-between" }} data-testid="meeting-item" data-code={m.code}>
          <div className="stack" style={{ gap: 4 }}>
            <strong>{m.title}</strong>
            <span className="muted">
              {m.code} · {t(statusKey[m.status])} · {t(roleKey[m.role])} ·{" "}
              {m.scheduledStart ? <LocalTime iso={m.scheduledStart.toISOString()} /> : t("dashboard.instant")}
            </span>
          </div>
          <div className="row">
            {(m.role === "host" || m.role === "co_host") && <Link href={`/recordings?meeting=${m.code}`}>{t("recordings.title")}</Link>}
            <CopyLinkButton code={m.code} />
            {m.status !== "ended" && (
              <Link className="btn btn-primary" href={`/m/${m.code}`}>
                {t("dashboard.open")}
              </Link>
            )}
          </div>
          {m.role === "host" && m.status !== "ended" && <EmbedSettings code={m.code} origins={readMeetingSettings(m.settings).embedOrigins} />}
        </li>
      ))}
    </ul>
  );
}
