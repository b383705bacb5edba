import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CHROMIUM_ARGS } from "./chromium";

/**
 * A small moving test picture for the functional end-to-end tests' fake camera (Chromium plays a
 * `.y4m` file instead of its built-in 1280×720 pattern, whatever resolution the page asks for).
 *
 * Why: every person in a test is a whole Chromium, and a two-person meeting at 720p (software VP8
 * encode of three simulcast layers, decode, compositing) already needs more than the 2 cores CI has;
 * starved renderers then stop answering for minutes. These tests check that media flows, not its
 * quality, so they send 320×240 at 15 fps. Benchmarks keep Chromium's 720p camera (CHROMIUM_ARGS).
 */
export const FAKE_CAMERA = { width: 320, height: 240, fps: 15, seconds: 2 } as const;

const file = path.resolve(".data", "media", `camera-${FAKE_CAMERA.width}x${FAKE_CAMERA.height}@${FAKE_CAMERA.fps}.y4m`);

/** YUV 4:2:0 frames of a bright square crossing a grey gradient, so each frame differs. */
function y4m({ width, height, fps, seconds }: typeof FAKE_CAMERA): Buffer {
  const frames = fps * seconds;
  const lumaSize = width * height;
  const chromaSize = (width / 2) * (height / 2);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const frameHeader = Buffer.from("FRAME\n");
  const out = Buffer.alloc(header.length + frames * (frameHeader.length + lumaSize + 2 * chromaSize));
  let at = header.copy(out, 0);
  const side = height / 3;
  for (let f = 0; f < frames; f++) {
    at += frameHeader.copy(out, at);
    const left = Math.round(((width - side) * f) / (frames - 1));
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const inSquare = x >= left && x < left + side && y >= side && y < 2 * side;
        out[at + y * width + x] = inSquare ? 235 : 40 + Math.round((140 * x) / width);
      }
    }
    at += lumaSize;
    out.fill(128, at, at + chromaSize); // U: neutral
    at += chromaSize;
    out.fill(150, at, at + chromaSize); // V: a slight warm tint
    at += chromaSize;
  }
  return out;
}

/** The file (written once under .data/media, atomically: several test processes may ask at once). */
export function fakeCameraFile(): string {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.part`;
    writeFileSync(partial, y4m(FAKE_CAMERA));
    renameSync(partial, file);
  }
  return file;
}

/** Chromium's flags for the functional end-to-end tests: CHROMIUM_ARGS with the small camera. */
export function e2eChromiumArgs(): string[] {
  return [...CHROMIUM_ARGS, `--use-file-for-fake-video-capture=${fakeCameraFile()}`];
}
