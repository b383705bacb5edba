import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync, type WriteStream } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { ensureDir } from "./paths";

export type ExitInfo = { code: number | null; signal: NodeJS.Signals | null };

export type ManagedProcess = {
  name: string;
  pid: number;
  child: ChildProcess;
  /** Settles when the child exits, whether or not stop() was called. */
  exited: Promise<ExitInfo>;
  /** Graceful stop with escalation to SIGKILL; resolves once the child has exited. */
  stop(): Promise<void>;
};

export type SpawnManagedOptions = {
  name: string;
  command: string;
  args?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  /** Raw output (stdout and stderr) is appended here. */
  logFile?: string;
  /** Print `[name] line` to the console. Defaults to true unless logFile is set. */
  echo?: boolean;
  /**
   * Signals to send on stop(), each followed by a wait in ms; SIGKILL follows the last wait.
   * Default: SIGTERM, then 10 s.
   */
  stopSequence?: Array<[NodeJS.Signals, number]>;
  /**
   * Sent synchronously if this (parent) process exits while the child still runs, e.g. after an
   * uncaught exception. It cannot be awaited there, so it should end the child on its own.
   */
  exitSignal?: NodeJS.Signals;
  /** Stop this child as part of shutdown() (reverse start order). Default true. */
  registerForShutdown?: boolean;
};

const PREFIX_COLORS = [36, 35, 33, 32, 34, 31];
let nextColor = 0;

/**
 * Spawns a long-running child whose lifetime is tied to this process: its output is prefixed
 * (or logged), it is stopped by shutdown() in reverse start order, and it is killed if this
 * process exits without stopping it.
 */
export function spawnManaged(options: SpawnManagedOptions): ManagedProcess {
  const {
    name,
    command,
    args = [],
    logFile,
    echo = logFile === undefined,
    stopSequence = [["SIGTERM", 10_000]],
    exitSignal = "SIGKILL",
    registerForShutdown = true,
  } = options;

  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    uid: options.uid,
    gid: options.gid,
    stdio: ["ignore", "pipe", "pipe"],
  });

  let log: WriteStream | undefined;
  if (logFile) {
    ensureDir(path.dirname(logFile));
    log = createWriteStream(logFile, { flags: "a" });
    log.write(`\n--- ${new Date().toISOString()} ${command} ${args.join(" ")}\n`);
  }
  const color = PREFIX_COLORS[nextColor++ % PREFIX_COLORS.length];
  const prefix = process.stderr.isTTY ? `\x1b[${color}m[${name}]\x1b[0m ` : `[${name}] `;
  const pipeLines = (stream: Readable | null, sink: NodeJS.WriteStream) => {
    if (!stream) return;
    if (log) stream.pipe(log, { end: false });
    if (echo) createInterface({ input: stream }).on("line", (line) => sink.write(prefix + line + "\n"));
  };
  // Children's output is diagnostics: it goes to stderr so a script's stdout stays its result (benchmark JSON).
  pipeLines(child.stdout, process.stderr);
  pipeLines(child.stderr, process.stderr);

  let running = true;
  const killOnParentExit = () => {
    if (running) child.kill(exitSignal);
  };
  process.on("exit", killOnParentExit);

  const exited = new Promise<ExitInfo>((resolve, reject) => {
    child.once("error", (error) => {
      // 'error' without 'exit' means the spawn itself failed (e.g. ENOENT).
      if (child.pid === undefined) {
        running = false;
        process.off("exit", killOnParentExit);
        reject(new Error(`could not start ${name} (${command}): ${error.message}`));
      }
    });
    child.once("exit", (code, signal) => {
      running = false;
      process.off("exit", killOnParentExit);
      resolve({ code, signal });
    });
  });
  // Closing the log only after both output pipes drained keeps the last lines (often the
  // crash reason) in the file.
  child.once("close", () => log?.end());

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      for (const [signal, waitMs] of stopSequence) {
        if (!running) break;
        child.kill(signal);
        if (await settlesWithin(exited, waitMs)) break;
      }
      if (running) child.kill("SIGKILL");
      await exited.catch(() => undefined);
    })();
    return stopping;
  };

  const unregister = registerForShutdown ? onShutdown(name, stop) : () => undefined;
  exited.then(unregister, unregister);

  return { name, pid: child.pid ?? -1, child, exited, stop };
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = promise.then(
    () => true as const,
    () => true as const,
  );
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * True for a live process; false for a missing one or a zombie. Where PID 1 does not reap
 * orphans (containers), a killed leftover stays a zombie forever, so "exists" is not "runs".
 */
export function isProcessRunning(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
  // Format: "pid (comm) state …"; comm may itself contain spaces and parentheses.
  const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  return state !== "Z" && state !== "X";
}

export type WaitForHttpOptions = {
  timeoutMs?: number;
  intervalMs?: number;
  /** Decides readiness from the response; default: status 200. */
  isReady?: (status: number, body: string) => boolean;
  /** Fail fast (instead of waiting for the timeout) if this process exits first. */
  process?: ManagedProcess;
  /** Mentioned in the timeout error so the reader knows where to look. */
  logFile?: string;
};

/** Polls `url` until it answers as expected; throws on timeout or if `process` dies first. */
export async function waitForHttp(url: string, options: WaitForHttpOptions = {}): Promise<void> {
  const { timeoutMs = 60_000, intervalMs = 250, isReady = (status) => status === 200 } = options;
  const deadline = Date.now() + timeoutMs;
  const where = options.logFile ? ` (see ${options.logFile})` : "";
  let deadProcess: string | undefined;
  options.process?.exited.then(
    (info) => (deadProcess = `exited with ${info.signal ? `signal ${info.signal}` : `code ${info.code}`}`),
    (error: Error) => (deadProcess = `failed: ${error.message}`),
  );
  let lastProblem = "no attempt yet";

  while (Date.now() < deadline) {
    if (deadProcess) {
      throw new Error(`${options.process?.name} ${deadProcess} before ${url} was ready${where}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const body = await response.text();
      if (isReady(response.status, body)) return;
      lastProblem = `HTTP ${response.status} ${body.slice(0, 200)}`;
    } catch (error) {
      // Connection refused is the normal state while the server boots; remember it for the
      // timeout message and keep polling.
      lastProblem = error instanceof Error ? describeFetchError(error) : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms: ${lastProblem}${where}`);
}

function describeFetchError(error: Error): string {
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}

type ShutdownStep = { name: string; run: () => Promise<void> | void };
type ShutdownState = { steps: ShutdownStep[]; running?: Promise<void>; handlersInstalled: boolean };

// Kept on globalThis, not in module scope: a loader can instantiate this module twice (tsx when
// an .mts entry imports these CommonJS-scoped .ts files, vitest across contexts), and two
// registries would let shutdown() miss the services the other copy started.
const state: ShutdownState = ((globalThis as Record<symbol, unknown>)[Symbol.for("parley.scripts.shutdown")] ??= {
  steps: [],
  handlersInstalled: false,
}) as ShutdownState;

/**
 * Registers a step for shutdown(); steps run in reverse registration order, so whatever started
 * last (and may depend on the rest) stops first. Returns a function that unregisters it.
 */
export function onShutdown(name: string, run: () => Promise<void> | void): () => void {
  const step = { name, run };
  state.steps.push(step);
  return () => {
    const index = state.steps.indexOf(step);
    if (index !== -1) state.steps.splice(index, 1);
  };
}

/** Runs every registered step once, newest first. A failing step is reported, not allowed to skip the rest. */
export function shutdown(): Promise<void> {
  state.running ??= (async () => {
    const failures: string[] = [];
    while (state.steps.length > 0) {
      const step = state.steps.pop()!;
      try {
        await step.run();
      } catch (error) {
        failures.push(`${step.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures.length > 0) throw new Error(`shutdown had failures:\n  ${failures.join("\n  ")}`);
  })();
  return state.running;
}

/** Stops everything, then exits with `code` (or 1 if stopping failed). */
export async function shutdownAndExit(code: number): Promise<never> {
  try {
    await shutdown();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(code === 0 ? 1 : code);
  }
  process.exit(code);
}

/**
 * SIGINT/SIGTERM stop everything in reverse order and exit 0: an asked-for stop is a clean end.
 * A second signal while stopping exits at once (children still get their exitSignal).
 */
export function installShutdownHandlers(): void {
  if (state.handlersInstalled) return;
  state.handlersInstalled = true;
  const onSignal = (signal: NodeJS.Signals) => {
    if (state.running) {
      console.error(`\n${signal} again: exiting without waiting for services to stop`);
      process.exit(130);
    }
    console.error(`\n${signal}: stopping services…`);
    void shutdownAndExit(0);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}
