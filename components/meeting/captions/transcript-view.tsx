"use client";

import { useCallback, useEffect, useState } from "react";
import Link from "next/link";
import { useT } from "@/components/i18n/i18n-provider";
import { PassphraseForm } from "@/components/meeting/e2ee/passphrase-form";
import { LocalTime } from "@/components/ui/local-time";
import { decryptText, deriveMeetingKeys, isEncryptedText, normalizePassphrase, readPassphraseFromHash } from "@/lib/e2ee";
import { rememberedPassphrase } from "@/lib/e2ee/remembered";
import type { StoredCaption } from "@/lib/meetings/captions";
import styles from "./captions.module.css";

type Props = { code: string; title: string; e2ee: boolean; segments: StoredCaption[] };

/** The transcript page's body: every stored segment, decrypted here in end-to-end encrypted meetings, and a text download. */
export function TranscriptView({ code, title, e2ee, segments }: Props) {
  const t = useT();
  const [shown, setShown] = useState<StoredCaption[] | null>(e2ee ? null : segments);
  const [deriving, setDeriving] = useState(false);

  const unlock = useCallback(
    async (passphrase: string) => {
      setDeriving(true);
      try {
        const { text: key } = await deriveMeetingKeys(normalizePassphrase(passphrase), code);
        const decrypted = await Promise.all(
          segments.map(async (s) => ({ ...s, text: isEncryptedText(s.text) ? await decryptText(key, s.text, code).catch(() => null) : s.text })),
        );
        // A wrong passphrase opens nothing; a right one opens every segment sealed with it.
        if (decrypted.length > 0 && decrypted.every((s) => s.text === null)) return false;
        setShown(decrypted.map((s) => ({ ...s, text: s.text ?? t("captions.undecryptable") })));
        return true;
      } finally {
        setDeriving(false);
      }
    },
    [code, segments, t],
  );

  useEffect(() => {
    if (!e2ee) return;
    const known = readPassphraseFromHash(location.hash) ?? rememberedPassphrase(code);
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
              <p className={styles.pageText} lang={s.language === "zh" ? "zh-CN" : "en"}>
                {s.text}
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
