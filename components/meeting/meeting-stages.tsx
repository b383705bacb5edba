"use client";

import type { ReactNode } from "react";
import type { RememberScope } from "@/lib/e2ee/remembered";
import type { EmbedLink } from "@/components/embed/use-embed-room-bridge";
import { useT } from "@/components/i18n/i18n-provider";
import { PassphraseForm } from "./e2ee/passphrase-form";
import { useMeetingKey } from "./e2ee/use-meeting-key";
import { LobbyWaiting } from "./lobby-waiting";
import { PreJoin } from "./prejoin/pre-join";
import { MeetingRoom } from "./room/meeting-room";
import type { JoinFlow } from "./use-join-flow";

type Props = {
  code: string;
  title: string;
  flow: JoinFlow;
  /** Null until the visitor has an identity here; `guestForm` asks for one. */
  caller: { name: string; canPublish: boolean } | null;
  guestForm: ReactNode;
  /** Inside another site's iframe: minimal chrome, and the embed API wired into the room. */
  embed?: EmbedLink | null;
  /** End-to-end encrypted: nothing goes further without the passphrase. */
  e2ee?: boolean;
  /** Where this browser keeps the passphrase: "device" for signed-in people, "tab" for guests and embeds. */
  rememberScope?: RememberScope;
};

/** What /m/[code] and /embed/[code] show at each step: guest name → pre-join → (lobby) → room → left. */
export function MeetingStages({ code, title, flow, caller, guestForm, embed, e2ee = false, rememberScope = "tab" }: Props) {
  const t = useT();
  const { state, error, join, cancelWaiting, left } = flow;
  const embedded = embed !== undefined;
  const meetingKey = useMeetingKey(code, e2ee, rememberScope);
  const key = meetingKey.state.status === "ready" ? meetingKey.state.key : null;

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
        embed={embed ?? undefined}
        e2ee={key}
      />
    );
  }

  return (
    <main id="main" className={embedded ? "page stack embed-page" : "page stack"} data-testid={embedded ? "embed-prejoin" : undefined}>
      <h1 className={embedded ? "embed-title" : undefined}>{title}</h1>
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
      {e2ee && !key ? (
        meetingKey.state.status === "reading" ? null : (
          <PassphraseForm onSubmit={meetingKey.use} deriving={meetingKey.state.status === "deriving"} />
        )
      ) : state.kind === "waiting" ? (
        <LobbyWaiting onCancel={cancelWaiting} />
      ) : caller ? (
        <PreJoin displayName={caller.name} canPublish={caller.canPublish} joining={state.kind === "joining"} error={error} onJoin={join} />
      ) : (
        guestForm
      )}
    </main>
  );
}
