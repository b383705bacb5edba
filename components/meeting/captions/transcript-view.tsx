"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import Link from "next/link";
import { useT } from "@/components/i18n/i18n-provider";
import { PassphraseForm } from "@/components/meeting/e2ee/passphrase-form";
import { LocalTime } from "@/components/ui/local-time";
import { deriveMeetingKeys, normalizePassphrase, openMessage } from "@/lib/e2ee";
import { rememberMeetingPassphrase, rememberedPassphrase, takePassphraseFromAddressBar } from "@/lib/e2ee/remembered";
import { chineseLangTag, hasHan } from "@/lib/i18n/chinese-script";
import type { StoredCaption } from "@/lib/meetings/captions";
import { useChineseScript } from "./use-chinese-script";
import styles from "./captions.module.css";

type Props = { code: string; title: string; e2ee: boolean; segments: StoredCaption[] };

/** The transcript page's body: every stored segment, decrypted here in end-to-end encrypted meetings, and a text download. */
export function TranscriptView({ code, title, e2ee, segments }: Props) {
  const t = useT();
  const [opened, setShown] = useState<StoredCaption[] | null>(e2ee ? null : segments);
  // Stored as recognised; shown (and downloaded) in this reader's Chinese script.
  const chinese = useChineseScript(useMemo(() => (opened ?? []).some((s) => hasHan(s.text)), [opened]));
  const shown = useMemo(() => {
    const convert = chinese.convert;
    return opened && convert ? opened.map((s) => ({ ...s, text: convert(s.text) })) : opened;
  }, [opened, chinese.convert]);
  const [deriving, setDeriving] = useState(false);

  const unlock = useCallback(
    async (passphrase: string) => {
      setDeriving(true);
      try {
        const { text: key } = await deriveMeetingKeys(normalizePassphrase(passphrase), code);
        // Each segment opens only as the speaker the server stored it for, under its own segment id.
        const opened = await Promise.all(
          segments.map((s) => openMessage(key, s.text, { kind: "caption", meetingCode: code, senderIdentity: s.identity, messageId: s.segmentId })),
        );
        // A wrong passphrase opens nothing; a right one opens every segment sealed with it.
        const sealed = opened.filter((o) => o.status !== "plaintext");
        if (sealed.length > 0 && sealed.every((o) => o.status === "undecryptable")) return false;
        const hidden = opened.filter((o) => o.status === "plaintext").length;
        if (hidden > 0) console.warn(`[transcript] hid ${hidden} unencrypted segment(s) of an end-to-end encrypted meeting`);
        setShown(
          segments.map((s, i) => {
            const o = opened[i];
            return { ...s, text: o.status === "ok" ? o.text : t(o.status === "plaintext" ? "captions.plaintextHidden" : "captions.undecryptable") };
          }),
        );
        return true;
      } finally {
        setDeriving(false);
      }
    },
    [code, segments, t],
  );

  useEffect(() => {
    if (!e2ee) return;
    // As in the meeting: out of the address bar, remembered for this tab so a reload still opens it.
    const fromLink = takePassphraseFromAddressBar();
    if (fromLink) rememberMeetingPassphrase(code, fromLink, "tab");
    const known = fromLink ?? rememberedPassphrase(code);
    if (known) void unlock(known);
  }, [e2ee, code, unlock]);

  function download() {
    const lines = (shown ?? []).map((s) => `[${s.startedAt}] ${s.name}: ${s.text}`);
    const url = URL.createObjectURL(new Blob([`${title}\n\n${lines.join("\n")}\n`], { type: "text/plain;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `transcript-${code}.txt`;
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className={styles.page}>
      <h1>{t("captions.pageTitle", { meeting: title })}</h1>
      <p className="row">
        <Link href={`/m/${code}`}>{t("captions.pageBack")}</Link>
        {shown && shown.length > 0 && (
          <button type="button" className="btn" onClick={download}>
            {t("captions.download")}
          </button>
        )}
      </p>
      {!shown && <PassphraseForm onSubmit={unlock} deriving={deriving} />}
      {shown && shown.length === 0 && <p>{t("captions.pageEmpty")}</p>}
      {shown && shown.length > 0 && (
        <ol className={styles.pageList} data-testid="transcript">
          {shown.map((s) => (
            <li key={`${s.identity}:${s.segmentId}`} className={styles.pageItem}>
              <div className={styles.pageMeta}>
                <strong>{s.name}</strong>
                <br />
                <LocalTime iso={s.startedAt} />
              </div>
              <p className={styles.pageText} lang={s.language === "zh" ? chineseLangTag(chinese.script) : "en"}>
                {s.text}
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
