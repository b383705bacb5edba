import { RemoteVideoTrack, RoomEvent, Track, type ElementInfo, type Participant, type Room } from "livekit-client";
import { Compositor, type Scene } from "./compositor";
import { layoutFor, RESOLUTIONS, type Resolution } from "./layout";
import { AudioMixer } from "./mixer";
import { PartBuffer } from "./part-buffer";
import { startRecording, type RecordingJson } from "./recordings-api";
import { sealPart } from "./sealed";
import { PartUploader, type UploadProgress } from "./uploader";

/**
 * Records a meeting in this browser: what it receives (decrypted, so it also works in end-to-end
 * encrypted rooms) is composited on a canvas and mixed with Web Audio; MediaRecorder encodes it and
 * the chunks go to storage as a multipart upload while the meeting goes on (lib/recordings/uploader.ts).
 */

/** What this browser can record, best first: MP4 (H.264/AAC, only remuxed afterwards), else WebM. */
const MIME_TYPES = [
  "video/mp4;codecs=avc1.640028,mp4a.40.2",
  "video/mp4;codecs=avc1.42E01F,mp4a.40.2",
  // Chromium without AAC: H.264 is kept as it is and only the audio is converted afterwards.
  "video/mp4;codecs=avc1,opus",
  "video/webm;codecs=vp8,opus",
  "video/webm",
];

export function pickRecordingMimeType(): string | null {
  if (typeof MediaRecorder === "undefined") return null;
  return MIME_TYPES.find((t) => MediaRecorder.isTypeSupported(t)) ?? null;
}

export type RecorderOptions = {
  room: Room;
  code: string;
  resolution: Resolution;
  onProgress: (progress: UploadProgress) => void;
  /** The recording had to stop (the encoder failed, storage refused); what was uploaded is kept by the server. */
  onFailure: (error: Error) => void;
  /** End-to-end encrypted meetings: the meeting's key; every part is encrypted before it is uploaded. */
  encryptWith?: CryptoKey | null;
};

export class MeetingRecorder {
  private compositor: Compositor | null = null;
  private mixer: AudioMixer | null = null;
  private mediaRecorder: MediaRecorder | null = null;
  private uploader: PartUploader | null = null;
  private readonly buffer = new PartBuffer();
  private startedAt = 0;
  /** Parts go to the uploader in order, each after it is sealed (when encrypting). */
  private handOver: Promise<void> = Promise.resolve();
  private recording: RecordingJson | null = null;
  private readonly refresh = () => this.updateSources();
  /** What the composite needs of each remote video, told to LiveKit's adaptive stream (see CompositeTile). */
  private readonly tiles = new Map<RemoteVideoTrack, CompositeTile>();

  constructor(private readonly options: RecorderOptions) {}

  get id(): string | null {
    return this.recording?.id ?? null;
  }

  get drawStats() {
    return this.compositor?.drawStats ?? { frames: 0, totalMs: 0 };
  }

  async start(): Promise<RecordingJson> {
    const { room, code, resolution, onProgress } = this.options;
    const mimeType = pickRecordingMimeType();
    if (!mimeType) throw new Error("This browser cannot record (no MediaRecorder).");
    const size = RESOLUTIONS[resolution];
    // Web Audio first, inside the click that started it.
    this.mixer = new AudioMixer();
    await this.mixer.start();
    const started = await startRecording(code, { mimeType, ...(this.options.encryptWith ? { encrypted: true } : {}) });
    if (!started.ok) {
      await this.mixer.stop();
      throw new Error(started.message ?? "The recording could not start.");
    }
    this.recording = started.data.recording;
    this.uploader = new PartUploader(this.recording.id, onProgress);
    this.compositor = new Compositor(size.width, size.height, 30);
    this.updateSources();
    for (const event of SCENE_EVENTS) room.on(event, this.refresh);

    const stream = new MediaStream([...this.compositor.stream.getVideoTracks(), this.mixer.track]);
    const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: size.videoBitsPerSecond, audioBitsPerSecond: 128_000 });
    recorder.ondataavailable = (event) => {
      const part = this.buffer.push(event.data);
      if (part) this.handOut(part, false);
    };
    recorder.onerror = (event) => this.options.onFailure(new Error(`The browser stopped encoding the recording: ${(event as ErrorEvent).message ?? "unknown error"}`));
    this.mediaRecorder = recorder;
    this.startedAt = performance.now();
    recorder.start(1000);
    return this.recording;
  }

  /** Stops recording, uploads what is left and finishes the file; resolves with the finished recording. */
  async stop(): Promise<RecordingJson> {
    const recorder = this.mediaRecorder;
    if (!recorder || !this.uploader) throw new Error("Not recording.");
    const durationMs = Math.round(performance.now() - this.startedAt);
    if (recorder.state !== "inactive") {
      await new Promise<void>((resolve) => {
        recorder.addEventListener("stop", () => resolve(), { once: true });
        recorder.stop();
      });
    }
    this.teardown();
    // The last part marks the end of an encrypted file, so there is always one (an empty frame if need be).
    const last = this.buffer.flush() ?? (this.options.encryptWith ? { partNumber: this.buffer.nextPartNumber, body: new Blob([]) } : null);
    if (last) this.handOut(last, true);
    await this.handOver;
    return this.uploader.finish(durationMs);
  }

  private handOut(part: { partNumber: number; body: Blob }, final: boolean) {
    const key = this.options.encryptWith;
    const id = this.recording!.id;
    this.handOver = this.handOver
      .then(async () => this.uploader?.add(key ? { partNumber: part.partNumber, body: await sealPart(key, part.body, part.partNumber - 1, id, final) } : part))
      .catch((error: unknown) => this.options.onFailure(error instanceof Error ? error : new Error(String(error))));
  }

  /** Drops everything without finishing (the page is going away); the server keeps the uploaded parts. */
  abandon(): void {
    if (this.mediaRecorder?.state === "recording") this.mediaRecorder.stop();
    this.uploader?.abandon();
    this.teardown();
  }

  private teardown() {
    for (const event of SCENE_EVENTS) this.options.room.off(event, this.refresh);
    this.compositor?.stop();
    void this.mixer?.stop();
    for (const [track, tile] of this.tiles) track.stopObservingElementInfo(tile);
    this.tiles.clear();
    this.compositor = null;
    this.mixer = null;
  }

  private updateSources() {
    const { room } = this.options;
    const participants: Participant[] = [room.localParticipant, ...room.remoteParticipants.values()];
    const scene: Scene = { people: [], screen: null };
    const audio: MediaStreamTrack[] = [];
    for (const p of participants) {
      const live = (source: Track.Source) => {
        const publication = p.getTrackPublication(source);
        return publication && !publication.isMuted ? (publication.track?.mediaStreamTrack ?? null) : null;
      };
      scene.people.push({ id: p.identity, name: p.name || p.identity, camera: live(Track.Source.Camera), speaking: p.isSpeaking });
      const screen = live(Track.Source.ScreenShare);
      if (screen && !scene.screen) scene.screen = { name: p.name || p.identity, track: screen };
      for (const source of [Track.Source.Microphone, Track.Source.ScreenShareAudio]) {
        const track = live(source);
        if (track) audio.push(track);
      }
    }
    this.compositor?.setScene(scene);
    this.mixer?.setTracks(audio);
    this.requestSizes(participants, scene);
  }

  /**
   * Adaptive stream sends each subscriber the simulcast layer its on-screen <video> elements need;
   * the page may show someone small (or not at all) while the recording shows them large. So each
   * remote video also counts as an element of the size it has in the composite.
   */
  private requestSizes(participants: Participant[], scene: Scene) {
    if (!this.compositor) return;
    const { width, height } = this.compositor;
    const layout = layoutFor({ width, height, tiles: scene.people.length, screenShare: scene.screen !== null });
    const wanted = new Map<RemoteVideoTrack, { width: number; height: number }>();
    const tile = layout.tiles[0] ?? { width, height };
    for (const p of participants) {
      for (const source of [Track.Source.Camera, Track.Source.ScreenShare]) {
        const track = p.getTrackPublication(source)?.track;
        if (!(track instanceof RemoteVideoTrack)) continue;
        const size = source === Track.Source.ScreenShare && layout.screen ? layout.screen : tile;
        wanted.set(track, { width: size.width, height: size.height });
      }
    }
    for (const [track, info] of this.tiles) {
      if (!wanted.has(track)) {
        track.stopObservingElementInfo(info);
        this.tiles.delete(track);
      }
    }
    for (const [track, size] of wanted) {
      const existing = this.tiles.get(track);
      if (existing) existing.resize(size.width, size.height);
      else {
        const info = new CompositeTile(size.width, size.height);
        this.tiles.set(track, info);
        track.observeElementInfo(info);
      }
    }
  }
}

/** An always-visible "element" of the composite's tile size, for LiveKit's adaptive stream. */
class CompositeTile implements ElementInfo {
  readonly element = {};
  visible = true;
  pictureInPicture = false;
  visibilityChangedAt: number | undefined = undefined;
  handleResize?: () => void;
  handleVisibilityChanged?: () => void;

  constructor(
    private w: number,
    private h: number,
  ) {}

  width() {
    return this.w;
  }

  height() {
    return this.h;
  }

  resize(width: number, height: number) {
    if (width === this.w && height === this.h) return;
    this.w = width;
    this.h = height;
    this.handleResize?.();
  }

  observe() {}

  stopObserving() {}
}

/** Room events after which the picture or the mix changes. */
const SCENE_EVENTS = [
  RoomEvent.ParticipantConnected,
  RoomEvent.ParticipantDisconnected,
  RoomEvent.TrackSubscribed,
  RoomEvent.TrackUnsubscribed,
  RoomEvent.TrackMuted,
  RoomEvent.TrackUnmuted,
  RoomEvent.LocalTrackPublished,
  RoomEvent.LocalTrackUnpublished,
  RoomEvent.ActiveSpeakersChanged,
  RoomEvent.ParticipantNameChanged,
] as const;
