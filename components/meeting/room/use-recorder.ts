import { useCallback, useEffect, useRef, useState } from "react";
import { useRoomContext } from "@livekit/components-react";
import { useT } from "@/components/i18n/i18n-provider";
import { processRecording } from "@/lib/recordings/finalize";
import type { Resolution } from "@/lib/recordings/layout";
import { MeetingRecorder, pickRecordingMimeType } from "@/lib/recordings/recorder";
import { startRecording, stopServerRecording } from "@/lib/recordings/recordings-api";
import type { UploadProgress } from "@/lib/recordings/uploader";
import { useMeetingKeyContext } from "../e2ee/meeting-key-context";
import type { ToastTone } from "./use-toasts";

export type RecorderState =
  | { phase: "idle" }
  | { phase: "starting" }
  | { phase: "recording"; id: string; startedAt: number; progress: UploadProgress; server?: boolean }
  | { phase: "finishing"; id: string; progress: UploadProgress }
  | { phase: "processing"; id: string; fraction: number }
  | { phase: "saved"; id: string; processed: boolean }
  | { phase: "failed"; message: string };

const EMPTY: UploadProgress = { queuedBytes: 0, uploadedBytes: 0, retrying: null };

/**
 * This browser's recorder: start, stop, upload progress, then post-processing. If the page goes
 * away mid-recording the server keeps what was uploaded (lib/recordings/finish.ts).
 */
export function useRecorder({ code, notify }: { code: string; notify: (text: string, tone?: ToastTone) => void }) {
  const t = useT();
  const room = useRoomContext();
  const meetingKey = useMeetingKeyContext()?.keys.text ?? null;
  const [state, setState] = useState<RecorderState>({ phase: "idle" });
  const recorder = useRef<MeetingRecorder | null>(null);
  const supported = typeof window !== "undefined" && pickRecordingMimeType() !== null;

  const fail = useCallback(
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      console.error("[recording]", error);
      recorder.current?.abandon();
      recorder.current = null;
      setState({ phase: "failed", message });
      notify(t("recordings.failed", { reason: message }), "error");
    },
    [notify, t],
  );

  /** `encrypt`: in an end-to-end encrypted meeting, store the file encrypted with the meeting key. */
  const start = useCallback(
    async (resolution: Resolution, { encrypt = false } = {}) => {
      if (recorder.current) return;
      setState({ phase: "starting" });
      const next = new MeetingRecorder({
        room,
        code,
        resolution,
        onProgress: (progress) => setState((s) => (s.phase === "recording" || s.phase === "finishing" ? { ...s, progress } : s)),
        onFailure: fail,
        encryptWith: encrypt ? meetingKey : null,
      });
      recorder.current = next;
      try {
        const recording = await next.start();
        setState({ phase: "recording", id: recording.id, startedAt: Date.now(), progress: EMPTY });
      } catch (error) {
        fail(error);
      }
    },
    [room, code, fail, meetingKey],
  );

  /** A server-side recording (LiveKit Egress): nothing runs in this browser. */
  const startServer = useCallback(async () => {
    setState({ phase: "starting" });
    const started = await startRecording(code, { mimeType: "video/mp4", mode: "server" });
    if (!started.ok) return fail(new Error(started.message ?? "The server could not start recording."));
    setState({ phase: "recording", id: started.data.recording.id, startedAt: Date.now(), progress: EMPTY, server: true });
  }, [code, fail]);

  /** Stops, finishes the upload and (unless `thenProcess` is false, e.g. when leaving) prepares the MP4. */
  const stop = useCallback(
    async ({ thenProcess = true } = {}) => {
      if (state.phase === "recording" && state.server) {
        const stopped = await stopServerRecording(state.id);
        if (!stopped.ok) return fail(new Error(stopped.message ?? "The server recording could not be stopped."));
        notify(t("recordings.serverSaving"));
        return setState({ phase: "saved", id: state.id, processed: true });
      }
      const current = recorder.current;
      if (!current?.id) return;
      const id = current.id;
      setState((s) => ({ phase: "finishing", id, progress: s.phase === "recording" ? s.progress : EMPTY }));
      try {
        await current.stop();
        recorder.current = null;
      } catch (error) {
        return fail(error);
      }
      if (!thenProcess) return setState({ phase: "saved", id, processed: false });
      setState({ phase: "processing", id, fraction: 0 });
      try {
        const processed = await processRecording(id, (fraction) => setState({ phase: "processing", id, fraction }), { key: meetingKey });
        setState({ phase: "saved", id, processed: processed !== null });
        notify(t(processed ? "recordings.saved" : "recordings.savedUnprocessed"));
      } catch (error) {
        // The recording is stored either way; only the MP4 is missing, and the playback page retries.
        console.error("[recording] post-processing failed", error);
        setState({ phase: "saved", id, processed: false });
        notify(t("recordings.savedUnprocessed"));
      }
    },
    [fail, notify, t, meetingKey, state],
  );

  // Closing the tab cannot wait for uploads; the server finishes the recording from what arrived.
  useEffect(() => {
    const onPageHide = () => recorder.current?.abandon();
    window.addEventListener("pagehide", onPageHide);
    return () => {
      window.removeEventListener("pagehide", onPageHide);
      recorder.current?.abandon();
      recorder.current = null;
    };
  }, []);

  return {
    state,
    start,
    startServer,
    stop,
    supported,
    canEncrypt: meetingKey !== null,
    // A server recording goes on without this browser, so leaving need not wait for it.
    isRecording: (state.phase === "recording" && !state.server) || state.phase === "starting" || state.phase === "finishing",
  };
}

export type Recorder = ReturnType<typeof useRecorder>;
