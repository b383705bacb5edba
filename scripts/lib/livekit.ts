import { randomInt } from "node:crypto";
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { ensureGoTool, goInstallCommand, type GoTool } from "./go-install";
import { dataDir, ensureDir, logsDir } from "./paths";
import { isProcessRunning, spawnManaged, waitForHttp, type ExitInfo } from "./process";

/**
 * Pinned: v1.13.6 and later carry `replace` directives in go.mod, which `go install pkg@version`
 * refuses, so they can only be built from a checkout.
 */
export const LIVEKIT_VERSION = "v1.13.5";
const LIVEKIT_TOOL: GoTool = {
  name: "livekit-server",
  pkg: "github.com/livekit/livekit-server/cmd/server",
  version: LIVEKIT_VERSION,
  minGoMinor: 26, // livekit-server v1.13.5's go.mod says `go 1.26`
  alternative: "use an existing LiveKit server by setting LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET.",
};

export const livekitInstallCommand = goInstallCommand(LIVEKIT_TOOL);

export type LivekitKeys = { apiKey: string; apiSecret: string };

export type LivekitServer = {
  /** For clients and server SDKs that speak WebSocket (livekit-client). */
  url: string;
  /** For server SDKs' HTTP (Twirp) APIs, e.g. RoomServiceClient. */
  httpUrl: string;
  apiKey: string;
  apiSecret: string;
  logFile: string;
  configFile: string;
  /** Settles if livekit-server exits, so a supervisor can notice a crash. */
  exited: Promise<ExitInfo>;
  stop(): Promise<void>;
};

export type StartLivekitOptions = {
  /** Signalling/HTTP port. port+1 is ICE/TCP and port+2..port+5 are ICE/UDP, so space instances ≥ 10 apart. */
  port: number;
  webhookUrl: string;
  keys: LivekitKeys;
  logFile?: string;
  /** debug shows every signal message; info (default) keeps the log readable. */
  logLevel?: "debug" | "info" | "warn" | "error";
  readyTimeoutMs?: number;
};

/** The ports one instance occupies, derived from its signalling port. */
export function livekitPorts(port: number) {
  return { http: port, rtcTcp: port + 1, rtcUdpStart: port + 2, rtcUdpEnd: port + 5 };
}

/** livekit-server from PATH or .data/bin, built there with `go install` when missing. */
export function ensureLivekitBinary(): Promise<string> {
  return ensureGoTool(LIVEKIT_TOOL);
}

const KEYS_FILE = path.join(dataDir, "livekit-keys.json");
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomString(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

/**
 * This machine's API key pair, generated on first use and kept in .data/livekit-keys.json so
 * tokens and webhooks keep verifying across restarts. Never the public devkey/secret.
 */
export function loadOrCreateLivekitKeys(): LivekitKeys {
  if (!existsSync(KEYS_FILE)) {
    ensureDir(dataDir);
    const keys: LivekitKeys = { apiKey: `API${randomString(12)}`, apiSecret: randomString(48) };
    try {
      // 'wx' makes creation exclusive: if two scripts start at once, one writes and both read it.
      writeFileSync(KEYS_FILE, JSON.stringify(keys, null, 2) + "\n", { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const parsed: unknown = JSON.parse(readFileSync(KEYS_FILE, "utf8"));
  const { apiKey, apiSecret } = (parsed ?? {}) as Partial<LivekitKeys>;
  if (typeof apiKey !== "string" || typeof apiSecret !== "string" || apiKey === "" || apiSecret.length < 32) {
    throw new Error(`${KEYS_FILE} is malformed (need apiKey and a ≥32-char apiSecret); delete it to generate new keys`);
  }
  return { apiKey, apiSecret };
}

function livekitConfigYaml(options: StartLivekitOptions): string {
  const { port, webhookUrl, keys, logLevel = "info" } = options;
  const ports = livekitPorts(port);
  // JSON strings are valid YAML scalars, which sidesteps quoting rules for URLs and secrets.
  const q = (value: string) => JSON.stringify(value);
  return `# Written by scripts/lib/livekit.ts on each start; edits are overwritten.
port: ${ports.http}
bind_addresses:
  - 127.0.0.1
development: true
rtc:
  tcp_port: ${ports.rtcTcp}
  # A UDP mux over a few ports (it uses one per CPU) instead of a port per peer connection,
  # so a small range serves any number of participants.
  udp_port: ${ports.rtcUdpStart}-${ports.rtcUdpEnd}
  # Everything (browsers, tests) runs on this machine: advertise and listen on loopback only,
  # and never ask a STUN server for a public address.
  node_ip: 127.0.0.1
  use_external_ip: false
  enable_loopback_candidate: true
  ips:
    includes:
      - 127.0.0.1/32
keys:
  ${q(keys.apiKey)}: ${q(keys.apiSecret)}
webhook:
  api_key: ${q(keys.apiKey)}
  urls:
    - ${q(webhookUrl)}
logging:
  level: ${logLevel}
  pion_level: error
`;
}

/**
 * Starts livekit-server on 127.0.0.1:`port` with our keys and webhook, waits until its health
 * check answers "OK", and stops it when this process shuts down.
 */
export async function startLivekit(options: StartLivekitOptions): Promise<LivekitServer> {
  const { port, keys } = options;
  const binary = await ensureLivekitBinary();
  const configFile = path.join(dataDir, `livekit-${port}.yaml`);
  const pidFile = path.join(dataDir, `livekit-${port}.pid`);
  const logFile = options.logFile ?? path.join(logsDir, `livekit-${port}.log`);

  await stopLeftoverServer(pidFile, configFile);
  const ports = livekitPorts(port);
  for (const tcpPort of [ports.http, ports.rtcTcp]) await assertTcpPortFree(tcpPort);

  writeFileSync(configFile, livekitConfigYaml(options), { mode: 0o600 });
  chmodSync(configFile, 0o600); // mode only applies when the file is created
  const server = spawnManaged({
    name: "livekit",
    command: binary,
    args: ["--config", configFile],
    logFile,
    // The first SIGTERM drains: livekit waits for every participant to leave. The second forces.
    stopSequence: [
      ["SIGTERM", 1_000],
      ["SIGTERM", 5_000],
    ],
  });
  writeFileSync(pidFile, String(server.pid));
  server.exited.then(
    () => rmSync(pidFile, { force: true }),
    () => rmSync(pidFile, { force: true }),
  );

  const httpUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${httpUrl}/`, {
      process: server,
      logFile,
      timeoutMs: options.readyTimeoutMs ?? 30_000,
      isReady: (status, body) => status === 200 && body.trim() === "OK",
    });
  } catch (error) {
    await server.stop();
    throw error;
  }

  return {
    url: `ws://127.0.0.1:${port}`,
    httpUrl,
    apiKey: keys.apiKey,
    apiSecret: keys.apiSecret,
    logFile,
    configFile,
    exited: server.exited,
    stop: server.stop,
  };
}

/**
 * A parent killed with SIGKILL cannot stop its children, so a livekit-server from an earlier run
 * may still hold the ports. Only a process that is verifiably ours (same config file) is killed.
 */
async function stopLeftoverServer(pidFile: string, configFile: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").trim());
  rmSync(pidFile, { force: true });
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessRunning(pid)) return;
  // The pid may have been reused by an unrelated process since; only kill our own server.
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  if (!cmdline[0]?.endsWith(LIVEKIT_TOOL.name) || !cmdline.includes(configFile)) return;
  console.error(`stopping leftover livekit-server (pid ${pid}) from an earlier run`);
  process.kill(pid, "SIGKILL");
  for (let i = 0; i < 50 && isProcessRunning(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

function assertTcpPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`port ${port} is already in use; stop whatever holds it (\`ss -ltnp 'sport = :${port}'\`) or pick another port`)
          : error,
      );
    });
    probe.listen({ port, host: "127.0.0.1", exclusive: true }, () => probe.close(() => resolve()));
  });
}
