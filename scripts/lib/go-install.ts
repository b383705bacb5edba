import { spawn, spawnSync } from "node:child_process";
import { renameSync } from "node:fs";
import path from "node:path";
import { binDir, ensureDir, isExecutable } from "./paths";

/** A server we build from the Go module proxy when it is not on this machine (livekit-server, MinIO). */
export type GoTool = {
  /** The binary's name on PATH and under .data/bin. */
  name: string;
  /** Go package path; `go install` names its output after the last path segment. */
  pkg: string;
  version: string;
  minGoMinor: number;
  /** What else the person can do instead, for the error message. */
  alternative: string;
};

export const goInstallCommand = (tool: GoTool) => `GOBIN=${binDir} go install ${tool.pkg}@${tool.version}`;

/**
 * Returns the path of the tool's binary: PATH first, then .data/bin, and as a last resort builds
 * the pinned version there with `go install` (then it is instant the next time).
 */
export async function ensureGoTool(tool: GoTool): Promise<string> {
  const onPath = findOnPath(tool.name);
  if (onPath) return onPath;

  const local = path.join(binDir, tool.name);
  if (isExecutable(local)) return local;
  if (adoptGoInstallOutput(tool, local)) return local;

  const go = findOnPath("go");
  const goProblem = go ? checkGoVersion(go, tool.minGoMinor) : "Go is not installed (no `go` on PATH)";
  if (goProblem) throw new Error(missingBinaryMessage(tool, goProblem));

  ensureDir(binDir);
  console.error(`${tool.name} not found; building ${tool.version} with:\n  ${goInstallCommand(tool)}`);
  console.error("The first build downloads and compiles a few hundred modules: expect several minutes.");
  await runGoInstall(go!, tool);
  if (!adoptGoInstallOutput(tool, local) && !isExecutable(local)) {
    throw new Error(missingBinaryMessage(tool, `go install finished but ${path.join(binDir, path.basename(tool.pkg))} is missing`));
  }
  console.error(`${tool.name} built: ${local}`);
  return local;
}

/** go install names the binary after its package directory (livekit's is `server`); give it its real name. */
function adoptGoInstallOutput(tool: GoTool, target: string): boolean {
  const built = path.join(binDir, path.basename(tool.pkg));
  if (built === target || !isExecutable(built)) return false;
  try {
    renameSync(built, target);
  } catch (error) {
    // Another process (dev server and tests starting together) may have renamed it first.
    if (!isExecutable(target)) throw error;
  }
  return true;
}

function checkGoVersion(go: string, minGoMinor: number): string | undefined {
  const result = spawnSync(go, ["env", "GOVERSION"], { encoding: "utf8" });
  if (result.status !== 0) return `\`go env GOVERSION\` failed: ${result.stderr.trim()}`;
  const version = result.stdout.trim();
  const match = /^go1\.(\d+)/.exec(version);
  if (!match) return `cannot read the Go version from "${version}"`;
  if (Number(match[1]) < minGoMinor) return `Go ${version} is too old (need go1.${minGoMinor} or newer)`;
  return undefined;
}

function runGoInstall(go: string, tool: GoTool): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(go, ["install", `${tool.pkg}@${tool.version}`], {
      env: { ...process.env, GOBIN: binDir },
      stdio: ["ignore", "inherit", "inherit"],
    });
    // go install is silent while compiling; a heartbeat shows it is not stuck.
    const heartbeat = setInterval(() => {
      console.error(`  …still building ${tool.name} (${Math.round((Date.now() - started) / 1000)} s)`);
    }, 30_000);
    child.once("error", (error) => {
      clearInterval(heartbeat);
      reject(new Error(missingBinaryMessage(tool, `could not run go: ${error.message}`)));
    });
    child.once("exit", (code, signal) => {
      clearInterval(heartbeat);
      if (code === 0) resolve();
      else reject(new Error(missingBinaryMessage(tool, `go install failed (${signal ?? `exit code ${code}`}); its output is above`)));
    });
  });
}

function missingBinaryMessage(tool: GoTool, reason: string): string {
  return [
    `${tool.name} is not available: ${reason}.`,
    "Either:",
    `  - install Go 1.${tool.minGoMinor} or newer and run:`,
    `      ${goInstallCommand(tool)}`,
    `    (or put a ${tool.name} ${tool.version} binary on PATH), or`,
    `  - ${tool.alternative}`,
  ].join("\n");
}

export function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}
