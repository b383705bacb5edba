"use client";

import { useEffect, useId, useState } from "react";
import { useLocale, useT } from "@/components/i18n/i18n-provider";
import { can } from "@/lib/meetings/permissions";
import { formatBytes, formatDuration } from "@/lib/recordings/format";
import { RESOLUTIONS, type Resolution } from "@/lib/recordings/layout";
import styles from "../meeting.module.css";
import { ConfirmDialog } from "./confirm-dialog";
import { ControlButton } from "./control-button";
import { useMeeting } from "./meeting-context";
import type { Recorder } from "./use-recorder";

const RESOLUTION_NAMES = Object.keys(RESOLUTIONS) as Resolution[];

/** "Record" / "Stop recording" in the control bar, for those who may record (hosts and co-hosts). */
export function RecordButton({ recorder }: { recorder: Recorder }) {
  const t = useT();
  const { role, settings } = useMeeting();
  const [choosing, setChoosing] = useState(false);
  const [resolution, setResolution] = useState<Resolution>("720p");
  const [encrypt, setEncrypt] = useState(true);
  const [where, setWhere] = useState<"browser" | "server">("browser");
  const qualityId = useId();
  if (!can(role, "recording.start") || (!recorder.supported && !settings.serverRecording)) return null;
  const { state } = recorder;

  if (state.phase === "recording" || state.phase === "finishing") {
    return <ControlButton icon="stopRecord" label={t("recordings.stop")} tone="off" disabled={state.phase === "finishing"} aria-busy={state.phase === "finishing"} onClick={() => void recorder.stop()} />;
  }
  const busy = state.phase === "starting" || state.phase === "processing";
  return (
    <>
      <ControlButton
        icon="record"
        label={settings.recording ? t("recordings.busyElsewhere") : t("recordings.record")}
        disabled={busy || settings.recording}
        onClick={() => setChoosing(true)}
      />
      {choosing && (
        <ConfirmDialog
          title={t("recordings.startTitle")}
          description={t("recordings.startDescription")}
          confirmLabel={t("recordings.start")}
          cancelLabel={t("recordings.cancel")}
          onCancel={() => setChoosing(false)}
          onConfirm={() => {
            setChoosing(false);
            if (settings.serverRecording && (where === "server" || !recorder.supported)) void recorder.startServer();
            else void recorder.start(resolution, { encrypt: recorder.canEncrypt && encrypt });
          }}
        >
          {settings.serverRecording && (
            <fieldset className={styles.fieldset}>
              <legend className={styles.fieldLabel}>{t("recordings.where")}</legend>
              {(["browser", "server"] as const).map((w) => (
                <label key={w} className={styles.checkboxRow}>
                  <input type="radio" name="where" value={w} checked={where === w} disabled={w === "browser" && !recorder.supported} onChange={() => setWhere(w)} />
                  {t(`recordings.whereOptions.${w}`)}
                </label>
              ))}
            </fieldset>
          )}
          <label htmlFor={qualityId} className={styles.fieldLabel}>
            {t("recordings.quality")}
          </label>
          <select id={qualityId} className={styles.select} value={resolution} onChange={(e) => setResolution(e.target.value as Resolution)}>
            {RESOLUTION_NAMES.map((r) => (
              <option key={r} value={r}>
                {t(`recordings.qualities.${r}`)}
              </option>
            ))}
          </select>
          {recorder.canEncrypt && (
            <label className={styles.checkboxRow}>
              <input type="checkbox" checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} />
              {t("recordings.encrypt")}
            </label>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}

/** What the recording browser is doing: elapsed time and upload progress, then finishing and processing. */
export function RecorderStatus({ recorder }: { recorder: Recorder }) {
  const t = useT();
  const locale = useLocale();
  const { state } = recorder;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (state.phase !== "recording") return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [state.phase]);

  let text: string | null = null;
  if (state.phase === "recording" || state.phase === "finishing") {
    const { progress } = state;
    const upload = t("recordings.uploaded", { uploaded: formatBytes(progress.uploadedBytes, locale), total: formatBytes(progress.queuedBytes, locale) });
    const head = state.phase === "recording" ? t("recordings.elapsed", { time: formatDuration(now - state.startedAt) }) : t("recordings.finishing");
    text = [head, upload, progress.retrying ? t("recordings.retrying", { reason: progress.retrying }) : null].filter(Boolean).join(" · ");
  } else if (state.phase === "processing") {
    text = t("recordings.processing", { percent: Math.round(state.fraction * 100) });
  }
  return (
    <span className={styles.recorderStatus} role="status" data-testid="recorder-status" data-phase={state.phase} data-recording-id={"id" in state ? state.id : undefined}>
      {text}
    </span>
  );
}
