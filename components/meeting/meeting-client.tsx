"use client";

import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import type { MeetingRole } from "@/lib/db/schema";
import { GuestNameForm } from "./guest-name-form";
import { PreJoin, type JoinChoices } from "./prejoin/pre-join";
import { MeetingRoom } from "./room/meeting-room";

type Self = { identity: string; name: string; role: MeetingRole; canPublish: boolean };
type Joined = { token: string; url: string; self: Self; choices: JoinChoices };

type Props = {
  code: string;
  title: string;
  /** Null when the visitor has neither a session nor a guest identity for this meeting. */
  caller: { name: string; canPublish: boolean } | null;
  signInHref: string;
};

/** guest name (if needed) → pre-join → room → left. */
export function MeetingClient({ code, title, caller: initialCaller, signInHref }: Props) {
  const t = useT();
  const [caller, setCaller] = useState(initialCaller);
  const [joined, setJoined] = useState<Joined | null>(null);
  const [left, setLeft] = useState(false);
  const [joining, setJoining] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function join(choices: JoinChoices) {
    setJoining(true);
    setError(undefined);
    try {
      const response = await fetch(`/api/meetings/${code}/token`, { method: "POST" });
      const data = await response.json();
      if (!response.ok) {
        setError(t("meeting.tokenFailed", { reason: data?.error?.message ?? response.statusText }));
        return;
      }
      setJoined({ token: data.token, url: data.url, self: data.self, choices });
      setLeft(false);
    } catch (err) {
      setError(t("meeting.tokenFailed", { reason: err instanceof Error ? err.message : String(err) }));
    } finally {
      setJoining(false);
    }
  }

  if (joined) {
    return (
      <MeetingRoom
        serverUrl={joined.url}
        token={joined.token}
        code={code}
        title={title}
        self={joined.self}
        choices={joined.choices}
        onLeave={() => {
          setJoined(null);
          setLeft(true);
        }}
      />
    );
  }

  return (
    <main className="page stack">
      <h1>{title}</h1>
      {left && (
        <p role="status" className="card" data-testid="left-notice">
          {t("meeting.leftNotice")}
        </p>
      )}
      {caller ? (
        <PreJoin displayName={caller.name} canPublish={caller.canPublish} joining={joining} error={error} onJoin={join} />
      ) : (
        <GuestNameForm code={code} signInHref={signInHref} onJoined={(g) => setCaller({ name: g.displayName, canPublish: g.canPublish })} />
      )}
    </main>
  );
}
