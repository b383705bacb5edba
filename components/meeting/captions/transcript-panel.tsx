"use client";

import { useLayoutEffect, useRef } from "react";
import { LocalTime } from "@/components/ui/local-time";
import { useT } from "@/components/i18n/i18n-provider";
import type { MessageKey } from "@/lib/i18n";
import { CHINESE_SCRIPTS, chineseLangTag, type ChineseScript } from "@/lib/i18n/chinese-script";
import meetingStyles from "../meeting.module.css";
import { failureText } from "../failure-text";
import { Icon } from "../room/icons";
import styles from "./captions.module.css";
import { SPEAKER_LANGUAGES, type Captions, type SpeakerLanguage } from "./use-captions-state";

type Props = { code: string; captions: Captions; onClose: () => void };

/** The transcript side panel: what has been said (live), your caption language and the captions switch. */
export function TranscriptPanel({ code, captions, onClose }: Props) {
  const t = useT();
  const listRef = useRef<HTMLOListElement>(null);
  const followRef = useRef(true);
  useLayoutEffect(() => {
    const list = listRef.current;
    if (list && followRef.current) list.scrollTop = list.scrollHeight;
  }, [captions.entries]);

  return (
    <aside className={meetingStyles.panel} aria-label={t("captions.panelTitle")} data-testid="transcript-panel">
      <header className={meetingStyles.panelHeader}>
        <h2 className={meetingStyles.panelTitle}>{t("captions.panelTitle")}</h2>
        <button type="button" className={meetingStyles.iconButton} onClick={onClose}>
          <Icon name="close" />
          <span className={meetingStyles.srOnly}>{t("captions.close")}</span>
        </button>
      </header>

      {captions.on && captions.madeOn && (
        <p className={`${meetingStyles.panelNote} ${styles.madeOn}`} data-testid="captions-made-on">
          {t("captions.madeOnServer", { server: captions.madeOn })}
        </p>
      )}
      {captions.on ? <PublisherNote captions={captions} /> : <p className={meetingStyles.panelNote}>{t("captions.off")}</p>}
      {captions.historyFailed && <p className={meetingStyles.panelNote}>{t("captions.historyFailed")}</p>}
      <div className={styles.controls}>
        <label>
          {t("captions.yourLanguage")}{" "}
          <select className={meetingStyles.select} value={captions.language} onChange={(e) => captions.setLanguage(e.target.value as SpeakerLanguage)}>
            {SPEAKER_LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {t(`captions.languages.${language}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("captions.chineseScript")}{" "}
          <select className={meetingStyles.select} value={captions.chineseScript} onChange={(e) => captions.setChineseScript(e.target.value as ChineseScript)}>
            {CHINESE_SCRIPTS.map((script) => (
              <option key={script} value={script} lang={chineseLangTag(script)}>
                {t(`captions.chineseScripts.${script}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        {captions.serverChoice && (
          <label title={t("captions.useServerHint")}>
            <input type="checkbox" checked={captions.serverChoice.chosen} onChange={(e) => void captions.chooseServer(e.target.checked)} data-testid="captions-server-toggle" />{" "}
            {t("captions.useServer", { server: captions.serverChoice.name })}
          </label>
        )}
      </div>

      <ol
        ref={listRef}
        className={styles.list}
        role="log"
        aria-label={t("captions.panelTitle")}
        onScroll={() => {
          const list = listRef.current;
          if (list) followRef.current = list.scrollHeight - list.scrollTop - list.clientHeight < 48;
        }}
      >
        {captions.entries.length === 0 && captions.on && <li className={meetingStyles.panelNote}>{t("captions.empty")}</li>}
        {captions.entries.map((entry) => (
          <li key={`${entry.identity}:${entry.segmentId}`} className={styles.item} data-final={entry.final} data-testid="transcript-entry">
            <div className={styles.itemHead}>
              <span className={styles.itemName}>{entry.name}</span>
              <LocalTime iso={entry.startedAt} style="time" />
            </div>
            <p className={styles.itemText} lang={entry.language === "zh" ? chineseLangTag(captions.chineseScript) : "en"}>
              {entry.text}
            </p>
          </li>
        ))}
      </ol>

      <div className={styles.footer}>
        {!captions.on && (
          <button type="button" className={meetingStyles.secondaryButton} onClick={() => void captions.turnOn()}>
            {t("captions.turnOn")}
          </button>
        )}
        {captions.on && captions.canTurnOff && (
          <button type="button" className={meetingStyles.secondaryButton} onClick={() => void captions.turnOff()}>
            {t("captions.turnOffForEveryone")}
          </button>
        )}
        <a className={meetingStyles.secondaryButton} href={`/m/${code}/transcript`} target="_blank" rel="noopener">
          {t("captions.openPage")}
        </a>
      </div>
    </aside>
  );
}

function PublisherNote({ captions }: { captions: Captions }) {
  const t = useT();
  const p = captions.publisher;
  let text: string | null = null;
  if (p.state === "listen-only") text = t("captions.listenOnly");
  else if (p.state === "loading") text = p.total > 0 ? t("captions.loading", { percent: Math.floor((100 * p.loaded) / p.total) }) : t("captions.loadingUnknown");
  else if (p.state === "ready") text = t("captions.ready", { provider: p.choice.provider === "webgpu" ? "WebGPU" : "WebAssembly" });
  else if (p.state === "error") text = t("captions.failed", { reason: p.message });
  else if (p.state === "server") {
    text = p.problem
      ? t("captions.serverFailed", { server: p.name, reason: failureText(t, { ok: false, ...p.problem }) })
      : t("captions.sentToServer", { server: p.name });
  }
  if (!text) return null;
  const failed = p.state === "error" || (p.state === "server" && p.problem !== null);
  return (
    <p className={`${meetingStyles.panelNote} ${styles.status}`} data-state={failed ? "error" : p.state} role="status" data-testid="caption-status">
      {text}
    </p>
  );
}
