"use client";

import { useId } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { useNoiseSuppression } from "../use-noise-suppression";
import { ControlButton } from "./control-button";
import { refusalMessage } from "./noise-suppression-quality-group";

/**
 * Next to the microphone: noise suppression (RNNoise, or DTLN for high quality, on this device) on
 * or off. Lit while it is really running on the microphone, not merely wanted; the reason is given
 * when it cannot run, or when high quality was chosen and Standard runs instead.
 */
export function NoiseSuppressionToggle() {
  const t = useT();
  const statusId = useId();
  const { wanted, quality, status, error, refusal, setWanted } = useNoiseSuppression();
  const note =
    status === "starting"
      ? t("meeting.noiseSuppression.starting")
      : status === "unavailable"
        ? t("meeting.noiseSuppression.unavailable", { reason: error ?? "" })
        : status === "active" && refusal
          ? refusalMessage(t, refusal)
          : null;

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
        data-quality={quality === "high" && !refusal ? "high" : "standard"}
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
