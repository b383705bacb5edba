import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useLocalParticipant } from "@livekit/components-react";
import type { LocalAudioTrack } from "livekit-client";
import { DtlnProcessor, DtlnTooSlowError, type DtlnStats } from "@/lib/audio/dtln-processor";
import {
  RnnoiseProcessor,
  readNoiseSuppressionPreference,
  readNoiseSuppressionQuality,
  saveNoiseSuppressionPreference,
  saveNoiseSuppressionQuality,
  type NoiseSuppressionQuality,
} from "@/lib/audio/noise-suppression";

// One preference for the pre-join screen and the room, shared by every component that shows it.
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const notify = () => listeners.forEach((listener) => listener());

/** Whether the person wants noise suppression (remembered in localStorage; on by default). */
export function useNoiseSuppressionPreference(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, readNoiseSuppressionPreference, () => true);
  const set = useCallback((next: boolean) => {
    saveNoiseSuppressionPreference(next);
    notify();
  }, []);
  return [on, set];
}

/** Standard (RNNoise) or high quality (DTLN), remembered like the on/off choice. */
export function useNoiseSuppressionQuality(): [NoiseSuppressionQuality, (quality: NoiseSuppressionQuality) => void] {
  const quality = useSyncExternalStore(subscribe, readNoiseSuppressionQuality, () => "standard" as const);
  const set = useCallback((next: NoiseSuppressionQuality) => {
    saveNoiseSuppressionQuality(next);
    // Choosing high quality again measures again (the device may be less busy now).
    if (next === "high") refusal = null;
    notify();
  }, []);
  return [quality, set];
}

/** Why high quality is not what runs on this microphone: too slow when measured, fell behind in the call, or failed. */
export type DtlnRefusal = { kind: "tooSlow" | "fellBehind" | "failed"; detail: string };

// Per microphone track (a new device or a new join measures again); shared so the menu can say it too.
let refusal: { track: LocalAudioTrack; reason: DtlnRefusal } | null = null;
const refuse = (track: LocalAudioTrack, reason: DtlnRefusal) => {
  refusal = { track, reason };
  notify();
};
const readRefusal = () => refusal;

export function useDtlnRefusal(track: LocalAudioTrack | undefined): DtlnRefusal | null {
  const current = useSyncExternalStore(subscribe, readRefusal, () => null);
  return current && current.track === track ? current.reason : null;
}

/** More than this share of hops not back in time, over at least ~10 s, and DTLN gives way to RNNoise. */
const MAX_UNDERRUN_SHARE = 0.05;
const MIN_HOPS_JUDGED = 1250;

export type NoiseSuppressionStatus = "off" | "starting" | "active" | "unavailable";

export type NoiseSuppression = {
  wanted: boolean;
  quality: NoiseSuppressionQuality;
  status: NoiseSuppressionStatus;
  error: string | null;
  /** Set when high quality was asked for and RNNoise runs instead. */
  refusal: DtlnRefusal | null;
  setWanted: (on: boolean) => void;
};

/**
 * Puts the chosen suppressor on the local microphone track while the person wants it (and takes
 * it off when not), for as long as the room publishes a microphone: RNNoise, or DTLN when high
 * quality is chosen and the device keeps up (else RNNoise, and `refusal` says why). Changes run one
 * after another, so quick clicks cannot leave two processors or a half-built one behind.
 */
export function useNoiseSuppression(): NoiseSuppression {
  const [wanted, setWanted] = useNoiseSuppressionPreference();
  const [quality] = useNoiseSuppressionQuality();
  const { microphoneTrack } = useLocalParticipant();
  const track = microphoneTrack?.track as LocalAudioTrack | undefined;
  const dtlnRefusal = useDtlnRefusal(track);
  const useDtln = quality === "high" && !dtlnRefusal;
  const [state, setState] = useState<{ track: LocalAudioTrack; key: string; status: NoiseSuppressionStatus; error: string | null } | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const key = `${wanted}:${useDtln}`;

  useEffect(() => {
    if (!track) return;
    let current = true;
    const report = (status: NoiseSuppressionStatus, error: string | null = null) => {
      if (current) setState({ track, key, status, error });
    };
    queue.current = queue.current.then(async () => {
      try {
        if (!wanted) {
          if (track.getProcessor()) await track.stopProcessor();
          await setBrowserNoiseSuppression(track, true);
          return report("off");
        }
        const name = useDtln ? "parley-dtln" : "parley-rnnoise";
        if (track.getProcessor()?.name === name) return report("active");
        report("starting");
        await setBrowserNoiseSuppression(track, false);
        if (!useDtln) {
          await track.setProcessor(new RnnoiseProcessor());
          return report("active");
        }
        const dtln = new DtlnProcessor();
        try {
          await track.setProcessor(dtln);
        } catch (error) {
          console.warn("[room] high-quality noise suppression is not running; RNNoise instead", error);
          // The effect runs again without DTLN and puts RNNoise on.
          return refuse(track, error instanceof DtlnTooSlowError ? { kind: "tooSlow", detail: error.message } : { kind: "failed", detail: error instanceof Error ? error.message : String(error) });
        }
        dtln.onStats = (stats: DtlnStats) => {
          if (stats.hops >= MIN_HOPS_JUDGED && stats.underruns > stats.hops * MAX_UNDERRUN_SHARE && track.getProcessor() === dtln) {
            dtln.onStats = undefined;
            refuse(track, { kind: "fellBehind", detail: `${stats.underruns} of ${stats.hops} steps late` });
          }
        };
        report("active");
      } catch (error) {
        console.error("[room] noise suppression could not be changed", error);
        // Without ours, the browser's own suppression is better than none.
        await setBrowserNoiseSuppression(track, true).catch((e: unknown) => console.warn("[room] could not turn the browser's noise suppression back on", e));
        report("unavailable", error instanceof Error ? error.message : String(error));
      }
    });
    return () => {
      current = false;
    };
  }, [track, wanted, useDtln, key]);

  const settled = state && state.track === track && state.key === key ? state : null;
  const status: NoiseSuppressionStatus = !track ? (wanted ? "starting" : "off") : (settled?.status ?? (wanted ? "starting" : "off"));
  return { wanted, quality, status, error: settled?.error ?? null, refusal: quality === "high" ? dtlnRefusal : null, setWanted };
}

/**
 * The browser's own noise suppression, as a capture constraint. With ours on it is turned off,
 * so the voice is not denoised twice (two suppressors in a row take more of the speech with the
 * noise, and cost CPU for nothing). Chromium ignores this constraint in applyConstraints, so the
 * microphone is reopened with it (same device, same echo cancellation and gain control).
 */
async function setBrowserNoiseSuppression(track: LocalAudioTrack, on: boolean): Promise<void> {
  // The microphone's own settings: with a processor on, mediaStreamTrack is the processed track
  // (a Web Audio destination, no device), and reopening "its" device fails with OverconstrainedError.
  const settings = track.getSourceTrackSettings();
  if (settings.noiseSuppression === on) return;
  await track.restartTrack({
    deviceId: settings.deviceId ? { exact: settings.deviceId } : undefined,
    echoCancellation: true,
    autoGainControl: true,
    noiseSuppression: on,
  });
}
