"use client";

import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { GuestNameForm } from "./guest-name-form";
import { LobbyWaiting } from "./lobby-waiting";
import { PreJoin } from "./prejoin/pre-join";
import { MeetingRoom } from "./room/meeting-room";
import { useJoinFlow } from "./use-join-flow";

type Props = {
  code: string;
  title: string;
  /** Null when the visitor has neither a session nor a guest identity for this meeting. */
  caller: { name: string; canPublish: boolean } | null;
  signInHref: string;
};

/** guest name (if needed) → pre-join → (lobby) → room → left. */
export function MeetingClient({ code, title, caller: initialCaller, signInHref }: Props) {
  const t = useT();
  const [caller, setCaller] = useState(initialCaller);
  const { state, error, join, cancelWaiting, left } = useJoinFlow(code);

  if (state.kind === "joined") {
    const { joined } = state;
    return (
      <MeetingRoom
        serverUrl={joined.url}
        token={joined.token}
        code={code}
        title={title}
        self={joined.self}
        choices={joined.choices}
        onLeave={left}
      />
    );
  }

  return (
    <main className="page stack">
      <h1>{title}</h1>
      {state.kind === "ready" && state.notice === "left" && (
        <p role="status" className="card" data-testid="left-notice">
          {t("meeting.leftNotice")}
        </p>
      )}
      {state.kind === "ready" && state.notice === "denied" && (
        <p role="alert" className="card" data-testid="lobby-denied">
          {t("meeting.lobby.denied")}
        </p>
      )}
      {state.kind === "waiting" ? (
        <LobbyWaiting onCancel={cancelWaiting} />
      ) : caller ? (
        <PreJoin displayName={caller.name} canPublish={caller.canPublish} joining={state.kind === "joining"} error={error} onJoin={join} />
      ) : (
        <GuestNameForm code={code} signInHref={signInHref} onJoined={(g) => setCaller({ name: g.displayName, canPublish: g.canPublish })} />
      )}
    </main>
  );
}
