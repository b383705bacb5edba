"use client";

import { useLocalParticipant } from "@livekit/components-react";
import { Track } from "livekit-client";
import { useT } from "@/components/i18n/i18n-provider";
import { ConfirmDialog } from "./confirm-dialog";
import type { ToggleableSource } from "./media-toggle";
import type { UnmuteRequest } from "./use-control-notices";

type Props = { request: UnmuteRequest; onDone: () => void; onMediaFailure: (source: ToggleableSource, error: unknown) => void };

/** A host asked; only your click turns the microphone or camera on. */
export function UnmuteRequestDialog({ request, onDone, onMediaFailure }: Props) {
  const t = useT();
  const { localParticipant } = useLocalParticipant();

  function unmute() {
    onDone();
    const microphone = request.source === "microphone";
    const turnOn = microphone ? localParticipant.setMicrophoneEnabled(true) : localParticipant.setCameraEnabled(true);
    turnOn.catch((error: unknown) => onMediaFailure(microphone ? Track.Source.Microphone : Track.Source.Camera, error));
  }

  return (
    <ConfirmDialog
      title={t(`meeting.notices.unmuteRequest.${request.source}`, { by: request.by })}
      confirmLabel={t("meeting.notices.unmute")}
      cancelLabel={t("meeting.notices.stayMuted")}
      onConfirm={unmute}
      onCancel={onDone}
    />
  );
}
