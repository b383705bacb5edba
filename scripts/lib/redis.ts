import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { dataDir, ensureDir, logsDir } from "./paths";
import { isProcessRunning, spawnManaged, type ExitInfo } from "./process";

export type RedisServer = { url: string; port: number; logFile: string; exited: Promise<ExitInfo>; stop(): Promise<void> };

/**
 * Starts Debian's redis-server on 127.0.0.1:`port` with nothing persisted (test data only) and
 * stops it when this process shuts down. A server left on the same port by an earlier, killed run
 * is stopped first.
 */
export async function startRedis({ port, readyTimeoutMs = 15_000 }: { port: number; readyTimeoutMs?: number }): Promise<RedisServer> {
  const binary = ensureRedisBinary();
  const workDir = ensureDir(path.join(dataDir, `redis-${port}`));
  const pidFile = path.join(workDir, "redis.pid");
  const logFile = path.join(logsDir, `redis-${port}.log`);
  await stopLeftoverRedis(pidFile, port);

  const server = spawnManaged({
    name: "redis",
    command: binary,
    args: [
      "--port", String(port),
      "--bind", "127.0.0.1",
      "--protected-mode", "yes",
      "--save", "",
      "--appendonly", "no",
      "--dir", workDir,
      "--pidfile", pidFile,
      "--daemonize", "no",
    ],
    logFile,
    exitSignal: "SIGTERM",
  });
  try {
    await waitForPing(port, server.exited, readyTimeoutMs, logFile);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, port, logFile, exited: server.exited, stop: server.stop };
}

/** Finds redis-server; as root, installs Debian's package when it is missing. */
export function ensureRedisBinary(): string {
  const found = findRedisServer();
  if (found) return found;
  const instructions = "redis-server was not found. Install it, e.g. on Debian/Ubuntu: sudo apt-get install -y redis-server";
  if (process.getuid?.() !== 0) throw new Error(instructions);
  console.error("redis: redis-server not found; running apt-get install -y redis-server");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () => spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "redis-server"], { stdio: "inherit", env });
  // A fresh machine often has no package lists yet; update only when the first try needs it.
  if (install().status !== 0) {
    if (spawnSync("apt-get", ["update"], { stdio: "inherit", env }).status !== 0 || install().status !== 0) {
      throw new Error(`apt-get install redis-server failed (output above).\n${instructions}`);
    }
  }
  const installed = findRedisServer();
  if (!installed) throw new Error(`apt-get installed redis-server but the binary is still missing.\n${instructions}`);
  return installed;
}

function findRedisServer(): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean), "/usr/bin", "/usr/sbin"];
  return dirs.map((dir) => path.join(dir, "redis-server")).find((file) => existsSync(file));
}

/** Answers true once `PING` gets `+PONG` on a fresh connection. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    let reply = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      if (reply.includes("\r\n")) done(reply.startsWith("+PONG"));
    });
  });
}

async function waitForPing(port: number, exited: Promise<ExitInfo>, timeoutMs: number, logFile: string) {
  let death: string | undefined;
  exited.then(
    (info) => (death = info.signal ? `signal ${info.signal}` : `code ${info.code}`),
    (error: Error) => (death = error.message),
  );
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (death) throw new Error(`redis-server exited (${death}) before answering PING:\n${tail(logFile)}`);
    if (await ping(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`redis-server on port ${port} not ready after ${timeoutMs} ms:\n${tail(logFile)}`);
}

function tail(file: string, lines = 15): string {
  if (!existsSync(file)) return `(no log at ${file})`;
  return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).map((l) => `  ${l}`).join("\n");
}

/** The pid file outlives a parent killed with SIGKILL; only a redis-server on our port is stopped. */
async function stopLeftoverRedis(pidFile: string, port: number): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessRunning(pid)) return rmSync(pidFile, { force: true });
  // After a reboot the pid may belong to an unrelated process.
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  if (!cmdline.includes("redis-server") || !cmdline.includes(`:${port}`)) return;
  console.error(`redis: stopping a server left running on port ${port} (pid ${pid})`);
  for (const [signal, waitMs] of [["SIGTERM", 5_000], ["SIGKILL", 2_000]] as const) {
    process.kill(pid, signal);
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline && isProcessRunning(pid)) await new Promise((r) => setTimeout(r, 100));
    if (!isProcessRunning(pid)) return;
  }
  throw new Error(`could not stop the redis-server (pid ${pid}) still running on port ${port}`);
}
