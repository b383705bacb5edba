"use client";

import { useEffect, useRef, useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { GuestNameForm } from "@/components/meeting/guest-name-form";
import { MeetingStages } from "@/components/meeting/meeting-stages";
import { RoomActionError } from "@/components/meeting/room/use-room-actions";
import { useJoinFlow } from "@/components/meeting/use-join-flow";
import { createEmbedFrameBridge } from "@/lib/embed-sdk/frame";
import type { EmbedCommand } from "@/lib/embed-sdk/protocol";
import { joinAsGuest } from "@/lib/meetings/meeting-api";
import type { EmbedLink, EmbedRoomHandler } from "./use-embed-room-bridge";

type Caller = { name: string; canPublish: boolean };
type Props = { code: string; title: string; parentOrigin: string; initialName: string; caller: Caller | null; e2ee: boolean };
type PendingJoin = { resolve: () => void; reject: (error: Error) => void };

/**
 * The meeting with minimal chrome, inside another site's iframe: the same guest → pre-join →
 * (lobby) → room flow as /m/[code], plus the embed API (lib/embed-sdk) so the embedding site can
 * join, drive the room and hear what happens. Only `parentOrigin` (checked on the server against
 * the meeting's allow-list) is talked to.
 */
export function EmbedClient({ code, title, parentOrigin, initialName, caller: initialCaller, e2ee }: Props) {
  const t = useT();
  const [caller, setCaller] = useState(initialCaller);
  const [name, setName] = useState(initialName);
  const flow = useJoinFlow(code);
  const { state, error, join, cancelWaiting } = flow;
  const [link, setLink] = useState<EmbedLink | null>(null);
  const roomHandler = useRef<EmbedRoomHandler | null>(null);
  const pendingJoin = useRef<PendingJoin | null>(null);
  const onCommand = useRef<(command: EmbedCommand) => Promise<void>>(async () => {});

  useEffect(() => {
    const bridge = createEmbedFrameBridge({ parentOrigin, window, onCommand: (command) => onCommand.current(command) });
    setLink({ emit: bridge.emit, setRoomHandler: (handler) => void (roomHandler.current = handler) });
    bridge.emit({ event: "ready", meeting: { code, title } });
    return () => bridge.dispose();
  }, [parentOrigin, code, title]);

  // A join command settles when the flow gets somewhere: into the room, into the lobby, or an error.
  useEffect(() => {
    const pending = pendingJoin.current;
    if (!pending) return;
    if (state.kind === "joined" || state.kind === "waiting") pending.resolve();
    else if (state.kind === "ready" && (error || state.notice === "denied")) pending.reject(new RoomActionError("join_failed", error ?? t("meeting.lobby.denied")));
    else return;
    pendingJoin.current = null;
  }, [state, error, t]);

  // Report leaving and failures to the embedding site.
  const wasJoined = useRef(false);
  useEffect(() => {
    if (!link) return;
    if (state.kind === "joined") wasJoined.current = true;
    else if (state.kind === "ready" && wasJoined.current) {
      wasJoined.current = false;
      link.emit({ event: "left", reason: "left" });
    }
    if (state.kind === "ready" && state.notice === "denied") link.emit({ event: "error", code: "denied", message: t("meeting.lobby.denied") });
  }, [link, state, t]);
  useEffect(() => {
    if (link && error) link.emit({ event: "error", code: "join_failed", message: error });
  }, [link, error]);

  useEffect(() => {
    onCommand.current = async (command) => {
      if (roomHandler.current) return roomHandler.current(command);
      switch (command.command) {
        case "join": {
          if (state.kind !== "ready") throw new RoomActionError("already_joined", t("shell.actions.alreadyJoined"));
          let who = caller;
          const displayName = (command.displayName ?? name).trim();
          if (!who || (command.displayName && command.displayName !== who.name)) {
            const guest = await joinAsGuest(code, displayName, { embedded: true });
            if (!guest.ok) throw new RoomActionError(guest.code ?? "join_failed", guest.message ?? t("common.error"));
            who = { name: guest.data.guest.displayName, canPublish: guest.data.guest.canPublish };
            setCaller(who);
          }
          const settled = new Promise<void>((resolve, reject) => (pendingJoin.current = { resolve, reject }));
          join({ audioEnabled: who.canPublish && (command.audio ?? true), videoEnabled: who.canPublish && (command.video ?? true) });
          return settled;
        }
        case "setDisplayName":
          // A guest's name is part of their identity: the next join makes a new one with this name.
          setName(command.displayName);
          setCaller((current) => (current && current.name !== command.displayName ? null : current));
          return;
        case "leave":
          if (state.kind === "waiting") return cancelWaiting();
          throw new RoomActionError("not_in_meeting", t("shell.actions.notInMeeting"));
        default:
          throw new RoomActionError("not_in_meeting", t("shell.actions.notInMeeting"));
      }
    };
  });

  return (
    <MeetingStages
      e2ee={e2ee}
      code={code}
      title={title}
      flow={flow}
      caller={caller}
      embed={link}
      guestForm={<GuestNameForm code={code} embedded defaultName={name} onJoined={(g) => setCaller({ name: g.displayName, canPublish: g.canPublish })} />}
    />
  );
}
