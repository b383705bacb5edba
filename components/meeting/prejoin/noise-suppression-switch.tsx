"use client";

import { useId } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import type { NoiseSuppressionQuality } from "@/lib/audio/noise-suppression";
import styles from "../meeting.module.css";
import { useNoiseSuppressionPreference, useNoiseSuppressionQuality } from "../use-noise-suppression";

/** The pre-join choice of noise suppression, on or off and which quality; the room applies it to the microphone (and remembers it). */
export function NoiseSuppressionSwitch() {
  const t = useT();
  const hintId = useId();
  const qualityId = useId();
  const qualityHintId = useId();
  const [on, setOn] = useNoiseSuppressionPreference();
  const [quality, setQuality] = useNoiseSuppressionQuality();
  return (
    <div>
      <label className={styles.checkboxField}>
        <input type="checkbox" role="switch" checked={on} aria-describedby={hintId} onChange={(event) => setOn(event.target.checked)} />
        {t("meeting.noiseSuppression.label")}
      </label>
      <p id={hintId} className={styles.muted}>
        {t("meeting.noiseSuppression.hint")}
      </p>
      <div className={styles.field}>
        <label htmlFor={qualityId}>{t("meeting.noiseSuppression.quality")}</label>
        <select
          id={qualityId}
          className={styles.select}
          value={quality}
          disabled={!on}
          aria-describedby={qualityHintId}
          data-testid="noise-suppression-quality"
          onChange={(event) => setQuality(event.target.value as NoiseSuppressionQuality)}
        >
          <option value="standard">{t("meeting.noiseSuppression.standard")}</option>
          <option value="high">{t("meeting.noiseSuppression.high")}</option>
        </select>
        <p id={qualityHintId} className={styles.muted}>
          {t(quality === "high" ? "meeting.noiseSuppression.highHint" : "meeting.noiseSuppression.standardHint")}
        </p>
      </div>
    </div>
  );
}
