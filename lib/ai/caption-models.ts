import type { VadRequest } from "./vad-protocol";
import { ORT_ASSET_DIR } from "./assets";
import { CAPTION_MODELS, modelById, modelUrl } from "./manifest";

/**
 * How the caption pipeline cuts speech: a pause of 700 ms ends a segment (a speaker's breath or a
 * dramatic pause keeps the sentence together), a word as short as "no" still counts (96 ms of
 * speech), 192 ms after the end are kept for a word's quiet last consonant, a segment that starts
 * within 2 s of the last one takes the gap with it (JFK's "ask … not" has a word too soft for
 * the detector in it), less than 2 s of speech waits for what follows (a word alone is misheard:
 * "ask" became "is"), and while someone speaks a partial is asked for every 1.6 s.
 */
export const CAPTION_VAD = {
  segmenter: { endSilenceMs: 700, minSpeechMs: 96 },
  postRollMs: 192,
  bridgeMs: 2000,
  minFinalMs: 2000,
  progressMs: 1600,
} as const satisfies Pick<Extract<VadRequest, { type: "init" }>, "segmenter" | "postRollMs" | "bridgeMs" | "minFinalMs" | "progressMs">;

/** Where the caption pipeline's workers and models are served (absolute, for workers' dynamic imports). */
export function captionAssetUrls(origin: string) {
  const at = (path: string) => new URL(path, origin).href;
  const vad = modelById("silero-vad-v5");
  const encoder = modelById(CAPTION_MODELS.encoder);
  const ortUrl = at(`${ORT_ASSET_DIR}/ort.all.min.mjs`);
  return {
    ortUrl,
    vad: { workerUrl: at("/workers/vad.worker.js"), init: { modelUrl: at(modelUrl(vad)), ortUrl, allowed: vad.executionProviders, ...CAPTION_VAD } },
    asr: {
      workerUrl: at("/workers/asr.worker.js"),
      encoderUrl: at(modelUrl(encoder)),
      decoderUrl: at(modelUrl(modelById(CAPTION_MODELS.decoder))),
      tokensUrl: at(modelUrl(modelById(CAPTION_MODELS.tokens))),
      allowed: encoder.executionProviders,
    },
    tapUrl: at("/workers/pcm-tap.worklet.js"),
  };
}
