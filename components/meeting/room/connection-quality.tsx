"use client";

import { useConnectionQualityIndicator } from "@livekit/components-react";
import { ConnectionQuality as Quality, type Participant } from "livekit-client";
import { useT } from "@/components/i18n/i18n-provider";
import type { MessageKey } from "@/lib/i18n";
import styles from "../meeting.module.css";

const meta: Record<Quality, { bars: number; label: MessageKey }> = {
  [Quality.Excellent]: { bars: 3, label: "meeting.room.quality.excellent" },
  [Quality.Good]: { bars: 2, label: "meeting.room.quality.good" },
  [Quality.Poor]: { bars: 1, label: "meeting.room.quality.poor" },
  [Quality.Lost]: { bars: 0, label: "meeting.room.quality.lost" },
  [Quality.Unknown]: { bars: 0, label: "meeting.room.quality.unknown" },
};

/** Three signal bars, coloured by quality as LiveKit measures it for this participant. */
export function ConnectionQuality({ participant }: { participant: Participant }) {
  const t = useT();
  const { quality } = useConnectionQualityIndicator({ participant });
  const { bars, label } = meta[quality] ?? meta[Quality.Unknown];
  return (
    <span className={styles.quality} data-quality={quality} role="img" aria-label={t(label)} title={t(label)}>
      {[1, 2, 3].map((bar) => (
        <span key={bar} className={bar <= bars ? styles.qualityBarOn : styles.qualityBar} />
      ))}
    </span>
  );
}
