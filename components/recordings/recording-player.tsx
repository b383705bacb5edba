"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useLocale, useT } from "@/components/i18n/i18n-provider";
import { failureText } from "@/components/meeting/failure-text";
import { LocalTime } from "@/components/ui/local-time";
import { PassphraseForm } from "@/components/meeting/e2ee/passphrase-form";
import { deriveMeetingKeys, normalizePassphrase } from "@/lib/e2ee";
import { rememberMeetingPassphrase, rememberedPassphrase, takePassphraseFromAddressBar } from "@/lib/e2ee/remembered";
import { processRecording } from "@/lib/recordings/finalize";
import { openSealed } from "@/lib/recordings/sealed";
import { formatBytes, formatDuration } from "@/lib/recordings/format";
import { deleteRecording, getRecording, updateRecording, type RecordingView } from "@/lib/recordings/recordings-api";

type Load = { state: "loading" } | { state: "denied"; message: string } | { state: "ready"; view: RecordingView };
/** An encrypted recording, decrypted in this browser into blob: URLs. */
type Decrypted = { video: string; poster: string | null; endMayBeMissing: boolean };

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Storage answered ${response.status}.`);
  return new Uint8Array(await response.arrayBuffer());
}

async function decryptRecording(key: CryptoKey, view: RecordingView): Promise<Decrypted> {
  const { recording, url, posterUrl } = view;
  const video = await openSealed(key, await fetchBytes(url!), recording.id, recording.processed ? "video" : "raw");
  const poster = posterUrl ? (await openSealed(key, await fetchBytes(posterUrl), recording.id, "poster")).bytes : null;
  return {
    video: URL.createObjectURL(new Blob([video.bytes], { type: recording.processed ? "video/mp4" : recording.mimeType.split(";")[0] })),
    poster: poster ? URL.createObjectURL(new Blob([poster], { type: "image/jpeg" })) : null,
    endMayBeMissing: video.endMayBeMissing,
  };
}

/**
 * Plays a recording from a short-lived storage link (re-asked for when it expires mid-playback,
 * keeping the position), and lets hosts rename, share and delete it. A recording that was never
 * post-processed (its recorder left first) is processed here, in this browser, when a host opens it.
 */
export function RecordingPlayer({ id }: { id: string }) {
  const t = useT();
  const locale = useLocale();
  const router = useRouter();
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [processing, setProcessing] = useState<number | null>(null);
  const [title, setTitle] = useState("");
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  // Shown at once when toggled; put back if the server refuses.
  const [shared, setShared] = useState<boolean | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const resumeAt = useRef<number | null>(null);
  const titleId = useId();
  const processingStarted = useRef(false);
  // Encrypted recordings: the meeting key (from the link's #key=, this device, or typed) and the result.
  const [key, setKey] = useState<CryptoKey | null>(null);
  const [needsPassphrase, setNeedsPassphrase] = useState(false);
  const [decrypted, setDecrypted] = useState<Decrypted | null>(null);
  const [decryptError, setDecryptError] = useState<string | null>(null);

  const unlock = useCallback(async (view: RecordingView, passphrase: string) => {
    const keys = await deriveMeetingKeys(normalizePassphrase(passphrase), view.meeting.code);
    try {
      const result = await decryptRecording(keys.text, view);
      setDecrypted((previous) => {
        if (previous) [previous.video, previous.poster].forEach((u) => u && URL.revokeObjectURL(u));
        return result;
      });
      setKey(keys.text);
      setNeedsPassphrase(false);
      setDecryptError(null);
      return keys.text;
    } catch (error) {
      console.warn("[recordings] could not decrypt", error);
      setDecryptError(t("recordings.wrongPassphrase"));
      setNeedsPassphrase(true);
      return null;
    }
  }, [t]);

  const refresh = useCallback(async () => {
    const result = await getRecording(id);
    if (!result.ok) return setLoad({ state: "denied", message: result.status === 403 || result.status === 404 ? t("recordings.unavailable") : failureText(t, result) });
    setLoad({ state: "ready", view: result.data });
    setTitle(result.data.recording.title);
    setShared(result.data.recording.sharedWithMembers);
    return result.data;
  }, [id, t]);

  const prepare = useCallback(
    async (view: RecordingView, meetingKey: CryptoKey | null) => {
      if (!view.canProcess || processingStarted.current || (view.recording.encrypted && !meetingKey)) return;
      processingStarted.current = true;
      setProcessing(0);
      try {
        await processRecording(id, setProcessing, { key: meetingKey });
      } catch (error) {
        console.error("[recordings] post-processing failed; the original file still plays", error);
      } finally {
        setProcessing(null);
        const fresh = await refresh();
        if (fresh && meetingKey && fresh.recording.encrypted) setDecrypted(await decryptRecording(meetingKey, fresh));
      }
    },
    [id, refresh],
  );

  useEffect(() => {
    void (async () => {
      const view = await refresh();
      if (!view) return;
      let meetingKey: CryptoKey | null = null;
      if (view.recording.encrypted && view.url) {
        // As in the meeting: out of the address bar, remembered for this tab so a reload still plays it.
        const fromLink = takePassphraseFromAddressBar();
        if (fromLink) rememberMeetingPassphrase(view.meeting.code, fromLink, "tab");
        const passphrase = fromLink ?? rememberedPassphrase(view.meeting.code);
        if (passphrase) meetingKey = await unlock(view, passphrase);
        else setNeedsPassphrase(true);
      }
      await prepare(view, meetingKey);
    })();
  }, [refresh, unlock, prepare]);

  if (load.state === "loading") return <p className="muted">…</p>;
  if (load.state === "denied") {
    return (
      <div className="stack">
        <p className="alert" role="alert">
          {load.message}
        </p>
        <Link href="/recordings">{t("recordings.back")}</Link>
      </div>
    );
  }
  const { recording, canManage } = load.view;
  const url = recording.encrypted ? (decrypted?.video ?? null) : load.view.url;
  const posterUrl = recording.encrypted ? (decrypted?.poster ?? null) : load.view.posterUrl;
  const view = load.view;

  async function save(changes: { title?: string; sharedWithMembers?: boolean }) {
    const result = await updateRecording(id, changes);
    if (!result.ok) {
      setShared(recording.sharedWithMembers);
      return setStatus({ text: failureText(t, result), error: true });
    }
    setStatus(null);
    await refresh();
  }

  async function remove() {
    const result = await deleteRecording(id);
    if (!result.ok) return setStatus({ text: failureText(t, result), error: true });
    router.push("/recordings");
  }

  return (
    <article className="stack" data-testid="recording-page" data-processed={recording.processed}>
      <Link href="/recordings">{t("recordings.back")}</Link>
      <h1>{recording.title}</h1>
      <p className="muted">
        <LocalTime iso={recording.startedAt} />
        {recording.durationMs !== null && ` · ${formatDuration(recording.durationMs)}`}
        {recording.sizeBytes !== null && ` · ${formatBytes(recording.sizeBytes, locale)}`}
        {` · ${t(`recordings.status.${recording.status}`)}`}
        {recording.deleteAfter && ` · ${t("recordings.deletesOn", { date: recording.deleteAfter.slice(0, 10) })}`}
      </p>
      {processing !== null && (
        <p role="status" data-testid="recording-processing">
          {t("recordings.preparing", { percent: Math.round(processing * 100) })}
        </p>
      )}
      {recording.encrypted && needsPassphrase && (
        <PassphraseForm
          deriving={false}
          onSubmit={async (passphrase) => {
            const meetingKey = await unlock(view, passphrase);
            if (meetingKey) {
              // Kept for this tab (a reload plays it again), not put in the address bar.
              rememberMeetingPassphrase(view.meeting.code, normalizePassphrase(passphrase), "tab");
              await prepare(view, meetingKey);
            }
            return true;
          }}
        />
      )}
      {decryptError && (
        <p role="alert" className="field-error">
          {decryptError}
        </p>
      )}
      {decrypted?.endMayBeMissing && <p className="muted">{t("recordings.endMayBeMissing")}</p>}
      {url && (
        <video
          ref={video}
          className="recording-video"
          src={url}
          poster={posterUrl ?? undefined}
          controls
          preload="metadata"
          data-testid="recording-video"
          onLoadedMetadata={() => {
            if (resumeAt.current !== null && video.current) video.current.currentTime = resumeAt.current;
            resumeAt.current = null;
          }}
          onError={() => {
            if (recording.encrypted) return; // a blob: URL in this page; nothing expires
            // The link expired (or storage hiccuped): ask for a fresh one and carry on where we were.
            resumeAt.current = video.current?.currentTime ?? null;
            void refresh();
          }}
        />
      )}
      {!recording.processed && recording.status === "ready" && processing === null && <p className="muted">{t("recordings.notProcessed")}</p>}
      <div className="row">
        {url && (
          <a className="btn btn-primary" href={url} download={recording.encrypted ? `${recording.title}.${recording.processed || recording.mimeType.includes("mp4") ? "mp4" : "webm"}` : true}>
            {t("recordings.download")}
          </a>
        )}
      </div>
      {canManage && (
        <section className="card stack" aria-label={t("recordings.rename")}>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              void save({ title });
            }}
          >
            <label htmlFor={titleId} className="sr-only">
              {t("recordings.column.title")}
            </label>
            <input id={titleId} className="select-compact" value={title} maxLength={200} required onChange={(e) => setTitle(e.target.value)} />
            <button type="submit" className="btn">
              {t("recordings.rename")}
            </button>
          </form>
          <label className="row">
            <input
              type="checkbox"
              checked={shared ?? recording.sharedWithMembers}
              onChange={(e) => {
                setShared(e.target.checked);
                void save({ sharedWithMembers: e.target.checked });
              }}
            />
            {t("recordings.share")}
          </label>
          {confirmingDelete ? (
            <div className="row" role="group" aria-label={t("recordings.deleteTitle")}>
              <span>{t("recordings.deleteDescription")}</span>
              <button type="button" className="btn" onClick={() => setConfirmingDelete(false)}>
                {t("recordings.cancel")}
              </button>
              <button type="button" className="btn btn-danger" onClick={() => void remove()}>
                {t("recordings.delete")}
              </button>
            </div>
          ) : (
            <div className="row">
              <button type="button" className="btn btn-danger" onClick={() => setConfirmingDelete(true)}>
                {t("recordings.delete")}
              </button>
            </div>
          )}
        </section>
      )}
      {status && (
        <p role="alert" className={status.error ? "field-error" : "muted"}>
          {status.text}
        </p>
      )}
    </article>
  );
}
