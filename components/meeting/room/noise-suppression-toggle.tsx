"use client";

import { useId } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { useNoiseSuppression } from "../use-noise-suppression";
import { ControlButton } from "./control-button";

/**
 * Next to the microphone: noise suppression (RNNoise on this device) on or off. Lit while it is
 * really running on the microphone, not merely wanted; the reason is given when it cannot run.
 */
export function NoiseSuppressionToggle() {
  const t = useT();
  const statusId = useId();
  const { wanted, status, error, setWanted } = useNoiseSuppression();
  const note = status === "starting" ? t("meeting.noiseSuppression.starting") : status === "unavailable" ? t("meeting.noiseSuppression.unavailable", { reason: error ?? "" }) : null;

  return (
    <>
      <ControlButton
        icon="noiseSuppression"
        label={wanted ? t("meeting.noiseSuppression.turnOff") : t("meeting.noiseSuppression.turnOn")}
        tone={status === "active" ? "active" : "default"}
        aria-busy={status === "starting"}
        aria-describedby={note ? statusId : undefined}
        data-testid="noise-suppression-toggle"
        data-state={status}
        {...(note ? { title: note } : {})}
        onClick={() => setWanted(!wanted)}
      />
      {note && (
        <span id={statusId} hidden>
          {note}
        </span>
      )}
    </>
  );
}
