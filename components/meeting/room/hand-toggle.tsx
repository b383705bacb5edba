"use client";

import { useState } from "react";
import { useLocalParticipant, useParticipantAttribute } from "@livekit/components-react";
import { useT } from "@/components/i18n/i18n-provider";
import { HAND_ATTRIBUTE, handRaisedAt } from "@/lib/meetings/hands";
import { setHand } from "@/lib/meetings/meeting-api";
import { failureText } from "../failure-text";
import { ControlButton } from "./control-button";
import { useMeeting } from "./meeting-context";

/** "Raise hand" / "Lower hand". The server sets the `hand` attribute; the button follows it, not the click. */
export function HandToggle() {
  const t = useT();
  const { code, notify } = useMeeting();
  const { localParticipant } = useLocalParticipant();
  const raised = handRaisedAt(useParticipantAttribute(HAND_ATTRIBUTE, { participant: localParticipant })) !== null;
  const [pending, setPending] = useState(false);

  async function toggle() {
    if (pending) return;
    setPending(true);
    try {
      const result = await setHand(code, !raised);
      if (!result.ok) {
        console.warn("[room] raising or lowering the hand failed", result);
        notify(failureText(t, result), "error");
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <ControlButton
      icon="hand"
      label={t(raised ? "meeting.controls.lowerHand" : "meeting.controls.raiseHand")}
      tone={raised ? "active" : "default"}
      aria-busy={pending}
      onClick={toggle}
    />
  );
}
