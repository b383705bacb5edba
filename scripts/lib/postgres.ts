import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { dataDir, ensureDir, isExecutable, logsDir } from "./paths";
import { isProcessRunning, spawnManaged, type ExitInfo } from "./process";

export type PostgresServer = {
  /** Connection string for the application database (parley_test unless `database` was given). */
  url: string;
  /** Connection string for the `postgres` maintenance database, e.g. to create more databases. */
  adminUrl: string;
  port: number;
  clusterDir: string;
  logFile: string;
  exited: Promise<ExitInfo>;
  /** Creates `name` if it does not exist yet and returns its connection string. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
};

export type StartPostgresOptions = {
  port: number;
  /** Cluster directory, relative to .data/ (or absolute). Created and initdb'd on first use. */
  dir: string;
  database?: string;
  user?: string;
  logFile?: string;
  readyTimeoutMs?: number;
};

type PostgresBinaries = { initdb: string; postgres: string; major: string };
type OsUser = { uid: number; gid: number };

const SOCKET_PATH_MAX = 107; // sun_path is 108 bytes including the terminating NUL

/**
 * Starts a throwaway Postgres cluster on 127.0.0.1:`port` (trust auth, superuser `parley`,
 * durability off for speed), creates `parley_test`, and stops it when this process shuts down.
 * A server still running on the same cluster from an earlier, killed run is stopped first.
 */
export async function startPostgres(options: StartPostgresOptions): Promise<PostgresServer> {
  const { port, database = "parley_test", user = "parley" } = options;
  const binaries = ensurePostgresBinaries();
  // Postgres refuses to run as root, so as root every step runs as the `postgres` OS user.
  const runAs = process.getuid?.() === 0 ? postgresOsUser() : undefined;
  const clusterDir = resolveClusterDir(path.resolve(dataDir, options.dir), runAs);
  const logFile = options.logFile ?? path.join(logsDir, `postgres-${port}.log`);

  await stopLeftoverPostmaster(clusterDir);
  initCluster({ binaries, clusterDir, user, runAs });

  const socketDir = clusterDir;
  const socketArgs =
    `${socketDir}/.s.PGSQL.${port}`.length <= SOCKET_PATH_MAX
      ? ["-k", socketDir]
      : ["-c", "unix_socket_directories="]; // path too long for a socket: TCP only
  const server = spawnManaged({
    name: "postgres",
    command: binaries.postgres,
    args: [
      "-D", clusterDir,
      "-p", String(port),
      "-h", "127.0.0.1",
      ...socketArgs,
      // Test data is disposable: trading durability for speed is the point of this cluster.
      "-c", "fsync=off",
      "-c", "synchronous_commit=off",
      "-c", "full_page_writes=off",
      "-c", "max_connections=200",
    ],
    cwd: clusterDir,
    env: { ...process.env, LC_ALL: "C" },
    uid: runAs?.uid,
    gid: runAs?.gid,
    logFile,
    // SIGINT is Postgres' "fast" shutdown; SIGTERM ("smart") would wait for every client to leave.
    stopSequence: [
      ["SIGINT", 10_000],
      ["SIGQUIT", 5_000],
    ],
    exitSignal: "SIGINT",
  });

  const urlFor = (db: string) => `postgres://${user}@127.0.0.1:${port}/${db}`;
  const adminUrl = urlFor("postgres");
  try {
    await waitForPostgres(adminUrl, server.exited, options.readyTimeoutMs ?? 30_000, logFile);
    await ensureDatabase({ adminUrl, name: database });
  } catch (error) {
    await server.stop();
    throw error;
  }

  return {
    url: urlFor(database),
    adminUrl,
    port,
    clusterDir,
    logFile,
    exited: server.exited,
    createDatabase: async (name) => {
      await ensureDatabase({ adminUrl, name });
      return urlFor(name);
    },
    stop: server.stop,
  };
}

/** Creates database `name` unless it exists; safe when several callers race. */
export async function ensureDatabase({ adminUrl, name }: { adminUrl: string; name: string }): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (existing.rowCount === 0) {
      await client.query(`create database ${quoteIdentifier(name)}`);
    }
  } catch (error) {
    // 42P04 duplicate_database: someone else created it between our check and create.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await client.end();
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function waitForPostgres(adminUrl: string, exited: Promise<ExitInfo>, timeoutMs: number, logFile: string) {
  const deadline = Date.now() + timeoutMs;
  let death: string | undefined;
  exited.then(
    (info) => (death = info.signal ? `signal ${info.signal}` : `code ${info.code}`),
    (error: Error) => (death = error.message),
  );
  let lastError = "no attempt yet";
  while (Date.now() < deadline) {
    if (death) {
      // The exit can be reported before the last log lines (the reason) are flushed.
      await new Promise((resolve) => setTimeout(resolve, 200));
      throw new Error(`postgres exited (${death}) before accepting connections:\n${tail(logFile)}`);
    }
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      // Refused connections and "the database system is starting up" are expected while booting.
      lastError = error instanceof Error ? error.message : String(error);
      await client.end().catch(() => undefined); // the connection never opened; nothing to close
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`postgres not ready after ${timeoutMs} ms (${lastError}):\n${tail(logFile)}`);
}

function tail(file: string, lines = 15): string {
  if (!existsSync(file)) return `(no log at ${file})`;
  return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).map((l) => `  ${l}`).join("\n");
}

function initCluster(args: { binaries: PostgresBinaries; clusterDir: string; user: string; runAs?: OsUser }) {
  const { binaries, clusterDir, user, runAs } = args;
  const versionFile = path.join(clusterDir, "PG_VERSION");
  if (existsSync(versionFile)) {
    const clusterMajor = readFileSync(versionFile, "utf8").trim();
    if (clusterMajor === binaries.major) return;
    // A test cluster holds nothing worth migrating: start over with the installed version.
    console.error(`postgres: ${clusterDir} was made by Postgres ${clusterMajor}, binaries are ${binaries.major}; re-creating it`);
  }
  // Either new, or left half-made by an interrupted initdb (which refuses non-empty dirs).
  rmSync(clusterDir, { recursive: true, force: true });
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  if (runAs) chownSync(clusterDir, runAs.uid, runAs.gid);

  const result = spawnSync(
    binaries.initdb,
    ["-D", clusterDir, "-U", user, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"],
    { uid: runAs?.uid, gid: runAs?.gid, cwd: clusterDir, env: { ...process.env, LC_ALL: "C" }, encoding: "utf8" },
  );
  if (result.status !== 0) {
    throw new Error(`initdb failed for ${clusterDir} (${result.error?.message ?? `exit ${result.status}`}):\n${result.stderr}`);
  }
}

/**
 * The postgres OS user must be able to reach the cluster directory. A checkout under a private
 * directory (e.g. /root) would not allow that, so the cluster then lives under the temp dir.
 */
function resolveClusterDir(wanted: string, runAs: OsUser | undefined): string {
  if (!runAs) return wanted;
  ensureDir(path.dirname(wanted));
  const parent = path.dirname(wanted);
  const probe = spawnSync("test", ["-x", parent], { uid: runAs.uid, gid: runAs.gid });
  if (probe.status === 0) return wanted;
  const hash = createHash("sha256").update(wanted).digest("hex").slice(0, 10);
  const fallback = path.join(os.tmpdir(), `parley-pg-${hash}`);
  console.error(`postgres: the postgres OS user cannot reach ${parent}; keeping the cluster in ${fallback} instead`);
  return fallback;
}

/** postmaster.pid survives a parent killed with SIGKILL; its first line is the server's pid. */
async function stopLeftoverPostmaster(clusterDir: string): Promise<void> {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessRunning(pid)) return; // stale file: postgres ignores it
  // After a reboot the pid may belong to an unrelated process; only signal our postmaster.
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  if (!cmdline.includes(clusterDir)) return;
  console.error(`postgres: stopping a server left running on ${clusterDir} (pid ${pid})`);
  for (const [signal, waitMs] of [["SIGINT", 10_000], ["SIGQUIT", 5_000], ["SIGKILL", 2_000]] as const) {
    process.kill(pid, signal);
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline && isProcessRunning(pid)) await new Promise((r) => setTimeout(r, 100));
    if (!isProcessRunning(pid)) return;
  }
  throw new Error(`could not stop the postgres server (pid ${pid}) still running on ${clusterDir}`);
}

function postgresOsUser(): OsUser {
  const uid = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(
      "Running as root, Postgres must run as another user, but there is no `postgres` OS user.\n" +
        "Install Debian's server package (it creates the user): apt-get install -y postgresql",
    );
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Finds initdb and postgres from one installation; as root, installs Debian's package if missing. */
export function ensurePostgresBinaries(): PostgresBinaries {
  const found = findPostgresBinaries();
  if (found) return found;
  const instructions =
    "Postgres server binaries (initdb, postgres) were not found on PATH or in /usr/lib/postgresql/*/bin.\n" +
    "Install them, e.g. on Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y postgresql";
  if (process.getuid?.() !== 0) throw new Error(instructions);

  console.error("postgres: server binaries not found; running apt-get install -y postgresql");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () => spawnSync("apt-get", ["install", "-y", "postgresql"], { stdio: "inherit", env });
  // A fresh machine often has no package lists yet; update only when the first try needs it.
  if (install().status !== 0) {
    if (spawnSync("apt-get", ["update"], { stdio: "inherit", env }).status !== 0 || install().status !== 0) {
      throw new Error(`apt-get install postgresql failed (output above).\n${instructions}`);
    }
  }
  const installed = findPostgresBinaries();
  if (!installed) throw new Error(`apt-get installed postgresql but its binaries are still missing.\n${instructions}`);
  return installed;
}

function findPostgresBinaries(): PostgresBinaries | undefined {
  const pathDirs = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
  let debianDirs: string[] = [];
  try {
    debianDirs = readdirSync("/usr/lib/postgresql")
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a))
      .map((v) => `/usr/lib/postgresql/${v}/bin`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  for (const dir of [...pathDirs, ...debianDirs]) {
    const initdb = path.join(dir, "initdb");
    const postgres = path.join(dir, "postgres");
    if (!isExecutable(initdb) || !isExecutable(postgres)) continue;
    const version = spawnSync(postgres, ["--version"], { encoding: "utf8" });
    const major = /(\d+)(?:\.\d+)?/.exec(version.stdout ?? "")?.[1];
    if (version.status === 0 && major) return { initdb, postgres, major };
  }
  return undefined;
}

