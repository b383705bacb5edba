import { containRect, coverCrop, layoutFor, type Layout, type Rect } from "./layout";

/**
 * Draws the meeting as the recording shows it — a grid of people, or a screen share with people
 * beside it — on a canvas at the chosen size, ticked by a worker so it keeps drawing in a
 * background tab. canvas.captureStream() turns it into the recorded video track.
 */
export type Person = { id: string; name: string; camera: MediaStreamTrack | null; speaking: boolean };
export type Scene = { people: Person[]; screen: { name: string; track: MediaStreamTrack } | null };

const BACKGROUND = "#0f1115";
const TILE = "#1f232b";
const SPEAKING = "#4f8cff";

export class Compositor {
  readonly canvas: HTMLCanvasElement;
  readonly stream: MediaStream;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly videos = new Map<MediaStreamTrack, HTMLVideoElement>();
  private scene: Scene = { people: [], screen: null };
  /** Worked out when the scene changes, not on every frame: people in drawing order, and where they go. */
  private ordered: Person[] = [];
  private layout: Layout = { screen: null, tiles: [] };
  private readonly clock: Worker;
  /** Time spent drawing, for the recording benchmark. */
  drawStats = { frames: 0, totalMs: 0 };

  constructor(
    readonly width: number,
    readonly height: number,
    readonly fps = 30,
  ) {
    this.canvas = document.createElement("canvas");
    this.canvas.width = width;
    this.canvas.height = height;
    const ctx = this.canvas.getContext("2d", { alpha: false });
    if (!ctx) throw new Error("This browser cannot draw the recording (no 2D canvas).");
    this.ctx = ctx;
    this.stream = this.canvas.captureStream(fps);
    this.clock = startClock();
    this.clock.onmessage = () => {
      this.draw();
      this.clock.postMessage("drawn");
    };
    this.draw();
    this.clock.postMessage({ fps });
  }

  setScene(scene: Scene): void {
    this.scene = scene;
    // With more people than tiles, those speaking come first (a speaker view).
    this.ordered = [...scene.people].sort((a, b) => Number(b.speaking) - Number(a.speaking));
    this.layout = layoutFor({ width: this.width, height: this.height, tiles: scene.people.length, screenShare: scene.screen !== null });
    const wanted = new Set<MediaStreamTrack>();
    for (const p of scene.people) if (p.camera) wanted.add(p.camera);
    if (scene.screen) wanted.add(scene.screen.track);
    for (const [track, video] of this.videos) {
      if (!wanted.has(track)) {
        video.srcObject = null;
        this.videos.delete(track);
      }
    }
    for (const track of wanted) {
      if (this.videos.has(track)) continue;
      const video = document.createElement("video");
      video.muted = true;
      video.playsInline = true;
      video.srcObject = new MediaStream([track]);
      void video.play().catch(() => undefined);
      this.videos.set(track, video);
    }
  }

  stop(): void {
    this.clock.postMessage({ fps: 0 });
    this.clock.terminate();
    for (const track of this.stream.getTracks()) track.stop();
    for (const video of this.videos.values()) video.srcObject = null;
    this.videos.clear();
  }

  private draw(): void {
    const started = performance.now();
    const { ctx, width, height } = this;
    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(0, 0, width, height);
    const { screen } = this.scene;
    if (screen && this.layout.screen) this.drawScreen(screen.track, this.layout.screen);
    this.layout.tiles.forEach((rect, i) => this.drawPerson(this.ordered[i], rect));
    this.drawStats.frames++;
    this.drawStats.totalMs += performance.now() - started;
  }

  private drawScreen(track: MediaStreamTrack, area: Rect) {
    const video = this.videos.get(track);
    if (!video || video.readyState < 2 || !video.videoWidth) return;
    const r = containRect({ width: video.videoWidth, height: video.videoHeight }, area);
    this.ctx.drawImage(video, r.x, r.y, r.width, r.height);
  }

  private drawPerson(person: Person, rect: Rect) {
    const { ctx } = this;
    const video = person.camera ? this.videos.get(person.camera) : undefined;
    if (video && video.readyState >= 2 && video.videoWidth) {
      const crop = coverCrop({ width: video.videoWidth, height: video.videoHeight }, rect);
      ctx.drawImage(video, crop.x, crop.y, crop.width, crop.height, rect.x, rect.y, rect.width, rect.height);
    } else {
      ctx.fillStyle = TILE;
      ctx.fillRect(rect.x, rect.y, rect.width, rect.height);
      const radius = Math.min(rect.width, rect.height) * 0.18;
      ctx.fillStyle = "#3a4150";
      ctx.beginPath();
      ctx.arc(rect.x + rect.width / 2, rect.y + rect.height / 2, radius, 0, Math.PI * 2);
      ctx.fill();
      ctx.fillStyle = "#e8eaf0";
      ctx.font = `600 ${Math.round(radius)}px system-ui, sans-serif`;
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.fillText(initials(person.name), rect.x + rect.width / 2, rect.y + rect.height / 2);
    }
    if (person.speaking) {
      ctx.strokeStyle = SPEAKING;
      ctx.lineWidth = Math.max(2, rect.width / 160);
      ctx.strokeRect(rect.x + 1, rect.y + 1, rect.width - 2, rect.height - 2);
    }
    const size = Math.max(11, Math.round(rect.height / 16));
    ctx.font = `500 ${size}px system-ui, sans-serif`;
    ctx.textAlign = "left";
    ctx.textBaseline = "bottom";
    const label = person.name;
    const labelWidth = Math.min(ctx.measureText(label).width + size, rect.width - 8);
    ctx.fillStyle = "rgba(0,0,0,0.55)";
    ctx.fillRect(rect.x + 4, rect.y + rect.height - size * 1.6 - 4, labelWidth, size * 1.6);
    ctx.fillStyle = "#ffffff";
    ctx.fillText(label, rect.x + 4 + size / 2, rect.y + rect.height - size * 0.35 - 4, rect.width - 8 - size);
  }
}

/**
 * A steady clock for the compositor. Background tabs get their timers and animation frames
 * throttled to once a second (or stopped), which would freeze the recorded video; a dedicated
 * worker's timers keep running. Protocol: page → worker `{ fps }` (0 stops); worker → page "tick";
 * page → worker "drawn" when the frame is done. The clock waits for "drawn" before the next tick, so
 * a page too busy to keep up records fewer frames instead of queueing ticks until it stops responding.
 * Built from a blob: URL (CSP worker-src allows it) because the bundler serves a worker *file*
 * as a plain asset, untranspiled.
 */
const CLOCK_SOURCE = `let timer = null;
let waiting = false;
onmessage = (event) => {
  if (event.data === "drawn") { waiting = false; return; }
  if (timer) clearInterval(timer);
  timer = null;
  waiting = false;
  const fps = Number(event.data && event.data.fps);
  if (fps > 0) timer = setInterval(() => { if (!waiting) { waiting = true; postMessage("tick"); } }, 1000 / Math.min(fps, 60));
};`;

function startClock(): Worker {
  const url = URL.createObjectURL(new Blob([CLOCK_SOURCE], { type: "text/javascript" }));
  try {
    return new Worker(url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? "?").slice(0, 2)).toUpperCase();
}
