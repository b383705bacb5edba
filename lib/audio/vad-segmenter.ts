/**
 * Speech segments from per-frame voice probabilities (Silero VAD: one per 512 samples at 16 kHz,
 * 32 ms). The same rules as Silero's own iterator and vad-web: speech starts when a frame reaches
 * `startThreshold`, and ends after `endSilenceMs` of frames below `endThreshold` (the hysteresis
 * keeps a breath or a soft consonant from cutting a sentence); segments shorter than `minSpeechMs`
 * are dropped as clicks; `preRollMs` of audio before the start is kept so the first syllable is
 * not clipped; and a long monologue is cut every `maxSegmentMs` so captions keep flowing. Pure
 * (frames in, events out), so it is unit tested; the caller keeps the audio.
 */
export type VadOptions = {
  frameMs: number;
  startThreshold: number;
  endThreshold: number;
  endSilenceMs: number;
  minSpeechMs: number;
  preRollMs: number;
  maxSegmentMs: number;
};

export const DEFAULT_VAD_OPTIONS: VadOptions = {
  frameMs: 32,
  startThreshold: 0.5,
  endThreshold: 0.35,
  endSilenceMs: 480,
  minSpeechMs: 250,
  preRollMs: 192,
  maxSegmentMs: 15_000,
};

export type VadEvent =
  /** Someone started speaking; the segment (pre-roll included) begins at `startFrame`. */
  | { type: "start"; startFrame: number }
  /** The segment [startFrame, endFrame) is over: hand its audio to ASR. `cut`: split for length, speech goes on. */
  | { type: "end"; startFrame: number; endFrame: number; cut: boolean }
  /** What started was too short to be speech (a click, a cough): drop it. */
  | { type: "misfire"; startFrame: number };

export class VadSegmenter {
  private readonly o: VadOptions;
  private frame = 0;
  private speaking = false;
  private segmentStart = 0;
  /** Frames of speech (above the end threshold) in the current segment. */
  private speechFrames = 0;
  private silentFrames = 0;

  constructor(options: Partial<VadOptions> = {}) {
    this.o = { ...DEFAULT_VAD_OPTIONS, ...options };
    if (this.o.endThreshold > this.o.startThreshold) throw new RangeError("endThreshold must not exceed startThreshold");
  }

  get isSpeaking(): boolean {
    return this.speaking;
  }

  /** Feeds one frame's speech probability (0..1); returns what changed. */
  push(probability: number): VadEvent[] {
    const events: VadEvent[] = [];
    const index = this.frame++;
    const frames = (ms: number) => Math.max(1, Math.round(ms / this.o.frameMs));
    if (!this.speaking) {
      if (probability >= this.o.startThreshold) {
        this.speaking = true;
        this.segmentStart = Math.max(0, index - frames(this.o.preRollMs));
        this.speechFrames = 1;
        this.silentFrames = 0;
        events.push({ type: "start", startFrame: this.segmentStart });
      }
      return events;
    }
    if (probability < this.o.endThreshold) this.silentFrames++;
    else {
      this.silentFrames = 0;
      this.speechFrames++;
    }
    if (this.silentFrames >= frames(this.o.endSilenceMs)) {
      // The segment ends where the silence began.
      const endFrame = index + 1 - this.silentFrames;
      events.push(this.close(endFrame, false));
    } else if (index + 1 - this.segmentStart >= frames(this.o.maxSegmentMs)) {
      events.push(this.close(index + 1, true));
      // Speech goes on: a new segment starts right here, without pre-roll (it is in the last one).
      this.speaking = true;
      this.segmentStart = index + 1;
      this.speechFrames = 0;
      this.silentFrames = 0;
      events.push({ type: "start", startFrame: this.segmentStart });
    }
    return events;
  }

  /** End of stream (microphone off, leaving): closes a running segment. */
  flush(): VadEvent[] {
    return this.speaking ? [this.close(this.frame - this.silentFrames, false)] : [];
  }

  private close(endFrame: number, cut: boolean): VadEvent {
    this.speaking = false;
    const tooShort = !cut && this.speechFrames * this.o.frameMs < this.o.minSpeechMs;
    return tooShort ? { type: "misfire", startFrame: this.segmentStart } : { type: "end", startFrame: this.segmentStart, endFrame, cut };
  }
}
