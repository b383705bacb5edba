"use client";

import { useId } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import styles from "../meeting.module.css";
import { useNoiseSuppressionPreference } from "../use-noise-suppression";

/** The pre-join choice of noise suppression; the room applies it to the microphone (and remembers it). */
export function NoiseSuppressionSwitch() {
  const t = useT();
  const hintId = useId();
  const [on, setOn] = useNoiseSuppressionPreference();
  return (
    <div>
      <label className={styles.checkboxField}>
        <input type="checkbox" role="switch" checked={on} aria-describedby={hintId} onChange={(event) => setOn(event.target.checked)} />
        {t("meeting.noiseSuppression.label")}
      </label>
      <p id={hintId} className={styles.muted}>
        {t("meeting.noiseSuppression.hint")}
      </p>
    </div>
  );
}
