"use client";

import { useT } from "@/components/i18n/i18n-provider";
import type { CaptionEntry } from "@/lib/meetings/caption-state";
import meetingStyles from "../meeting.module.css";
import styles from "./captions.module.css";


/**
 * Subtitles over the stage: each speaker's current line. Screen readers get the finished lines
 * once, from a polite live log, rather than every partial as it is rewritten.
 */
export function CaptionsOverlay({ lines, chineseLang, madeOn }: { lines: CaptionEntry[]; /** zh-CN, zh-TW or zh-HK: the script Chinese lines are shown in. */ chineseLang: string; madeOn: string | null }) {
  const t = useT();
  const langOf = (language: CaptionEntry["language"]) => (language === "zh" ? chineseLang : "en");
  const finished = lines.filter((line) => line.final);
  return (
    <div className={styles.overlay} role="region" aria-label={t("captions.region")} data-testid="captions">
      {lines.map((line) => (
        <p key={`${line.identity}:${line.segmentId}`} className={styles.line} lang={langOf(line.language)} data-final={line.final} aria-hidden="true">
          <span className={styles.speaker}>{line.name}</span>
          {line.text}
        </p>
      ))}
      {madeOn && (
        <p className={styles.source} data-testid="captions-source">
          {t("captions.madeOnServer", { server: madeOn })}
        </p>
      )}
      <div role="log" aria-live="polite" className={meetingStyles.srOnly}>
        {finished.map((line) => (
          <p key={`${line.identity}:${line.segmentId}`} lang={langOf(line.language)}>
            {line.name}: {line.text}
          </p>
        ))}
      </div>
    </div>
  );
}
