"use client";

import { useId } from "react";
import { useLocalParticipant } from "@livekit/components-react";
import type { LocalAudioTrack } from "livekit-client";
import { useT } from "@/components/i18n/i18n-provider";
import type { NoiseSuppressionQuality } from "@/lib/audio/noise-suppression";
import styles from "../meeting.module.css";
import { useDtlnRefusal, useNoiseSuppressionQuality, type DtlnRefusal } from "../use-noise-suppression";
import { Icon } from "./icons";

const qualities: Array<{ value: NoiseSuppressionQuality; label: "meeting.noiseSuppression.standard" | "meeting.noiseSuppression.high" }> = [
  { value: "standard", label: "meeting.noiseSuppression.standard" },
  { value: "high", label: "meeting.noiseSuppression.high" },
];

/** In the microphone's menu: noise suppression Standard (RNNoise) or High quality (DTLN), and why High quality is not running if it is not. */
export function NoiseSuppressionQualityGroup({ onChosen }: { onChosen: () => void }) {
  const t = useT();
  const titleId = useId();
  const [quality, setQuality] = useNoiseSuppressionQuality();
  const { microphoneTrack } = useLocalParticipant();
  const refusal = useDtlnRefusal(microphoneTrack?.track as LocalAudioTrack | undefined);
  return (
    <div role="group" aria-labelledby={titleId}>
      <p id={titleId} className={styles.menuTitle}>
        {t("meeting.noiseSuppression.quality")}
      </p>
      {qualities.map(({ value, label }) => (
        <button
          key={value}
          type="button"
          role="menuitemradio"
          aria-checked={quality === value}
          tabIndex={-1}
          className={styles.menuItem}
          data-testid={`noise-suppression-quality-${value}`}
          onClick={() => {
            onChosen();
            setQuality(value);
          }}
        >
          <span className={styles.menuCheck}>{quality === value && <Icon name="check" />}</span>
          {t(label)}
        </button>
      ))}
      {quality === "high" && refusal && <p className={styles.menuEmpty}>{refusalMessage(t, refusal)}</p>}
    </div>
  );
}

export function refusalMessage(t: ReturnType<typeof useT>, refusal: DtlnRefusal): string {
  return refusal.kind === "failed" ? t("meeting.noiseSuppression.refused.failed", { reason: refusal.detail }) : t(`meeting.noiseSuppression.refused.${refusal.kind}`);
}
