import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir, ensureDir } from "./paths";
import { withLock } from "./dir-lock";

/**
 * Python for the model converters (models/*\/convert.py): a virtualenv per converter under
 * .data/py/<name>, with exactly the packages its requirements file pins, made once and remade
 * when that file changes. Python itself comes from the machine: the first python3 on PATH that
 * is new enough and can make a virtualenv with pip; as root on Debian/Ubuntu, apt-get installs
 * one when there is none, otherwise the error says what to install.
 */
const MIN_MINOR = 11; // numpy 2.4 needs Python 3.11
const CANDIDATES = ["python3", "python3.13", "python3.12", "python3.11", "/usr/bin/python3"];
const APT_PACKAGES = ["python3", "python3-venv", "python3-pip"];
const PROBE = `import sys, venv, ensurepip; sys.exit(0 if sys.version_info >= (3, ${MIN_MINOR}) else 1)`;

export type Venv = { dir: string; python: string };

/** The first candidate that is Python ≥ 3.11 with venv and ensurepip (so a venv gets pip). */
export function findPython(): string | undefined {
  return CANDIDATES.find((candidate) => spawnSync(candidate, ["-c", PROBE], { stdio: "ignore" }).status === 0);
}

export function ensurePython(): string {
  const found = findPython();
  if (found) return found;
  const what = `Python ≥ 3.${MIN_MINOR} with venv and pip (to convert the Whisper model once, at build time)`;
  if (process.getuid?.() !== 0) throw new Error(`Missing ${what}. Install it with: sudo apt-get install -y ${APT_PACKAGES.join(" ")}`);
  console.error(`[parley] no ${what}; installing ${APT_PACKAGES.join(", ")} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if (spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env }).status !== 0) throw new Error("apt-get update failed");
  if (spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...APT_PACKAGES], { stdio: "inherit", env }).status !== 0) {
    throw new Error(`apt-get install ${APT_PACKAGES.join(" ")} failed`);
  }
  const installed = findPython();
  if (!installed) throw new Error(`Installed ${APT_PACKAGES.join(" ")}, but found no ${what} (is the system Python older than 3.${MIN_MINOR}?)`);
  return installed;
}

/** `.data/py/<name>` with the pinned `requirements` (a path from the repository root) installed. */
export async function ensureVenv({ name, requirements, repoRoot }: { name: string; requirements: string; repoRoot: string }): Promise<Venv> {
  const dir = path.join(dataDir, "py", name);
  const python = path.join(dir, "bin", "python");
  ensureDir(path.dirname(dir));
  return withLock(`${dir}.lock`, async () => {
    const pins = readFileSync(path.join(repoRoot, requirements), "utf8");
    // The stamp names the requirements' content: a changed pin remakes the venv.
    const stamp = path.join(dir, "parley-requirements.sha256");
    const wanted = createHash("sha256").update(pins).digest("hex");
    if (existsSync(python) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === wanted) return { dir, python };
    const base = ensurePython();
    console.error(`[parley] making the Python environment ${path.relative(repoRoot, dir)} (${requirements})…`);
    await run(base, ["-m", "venv", "--clear", dir]);
    await run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-input", "-r", path.join(repoRoot, requirements)]);
    writeFileSync(stamp, wanted + "\n");
    return { dir, python };
  });
}

/** Runs a command to completion, its output on stderr (a script's stdout stays its result); rejects on a non-zero exit. */
export function run(command: string, args: string[], options: { cwd?: string; stdout?: "stderr" | "capture" } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const capture = options.stdout === "capture";
    const child = spawn(command, args, { cwd: options.cwd, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      if (capture) out += chunk.toString("utf8");
      else process.stderr.write(chunk);
    });
    child.once("error", (error) => reject(new Error(`could not run ${command}: ${error.message}`)));
    child.once("close", (code, signal) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${path.basename(command)} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`));
    });
  });
}
