import styles from "../meeting.module.css";

const SEGMENTS = 8;

/** A segmented level bar; `data-level` exposes the raw reading to tests and tools. */
export function MicLevelMeter({ level, label }: { level: number; label: string }) {
  const lit = Math.round(level * SEGMENTS);
  return (
    <div
      className={styles.micMeter}
      data-testid="mic-level"
      data-level={level.toFixed(2)}
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={1}
      aria-valuenow={level}
    >
      {Array.from({ length: SEGMENTS }, (_, i) => (
        <span key={i} className={i < lit ? styles.micMeterOn : styles.micMeterOff} />
      ))}
    </div>
  );
}
