import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

/**
 * Debian packages the tests need. Installed with apt-get when missing and we are
 * root (CI, fresh machines); otherwise we say exactly what to install.
 */
const PACKAGES: Array<{ pkg: string; present: () => boolean }> = [
  { pkg: "chromium", present: () => existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium") },
  { pkg: "postgresql", present: () => hasCommand("initdb") || spawnSync("sh", ["-c", "ls /usr/lib/postgresql/*/bin/initdb"]).status === 0 },
  { pkg: "fonts-liberation", present: () => existsSync("/usr/share/fonts/truetype/liberation") },
  { pkg: "redis-server", present: () => hasCommand("redis-server") || existsSync("/usr/bin/redis-server") },
  // Speech and noise for the audio AI tests and evaluations (synthesised speech, noisy mixtures).
  { pkg: "espeak-ng", present: () => hasCommand("espeak-ng") },
  { pkg: "sox", present: () => hasCommand("sox") },
];

function hasCommand(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;
}

export function ensureSystemPackages() {
  const missing = PACKAGES.filter((p) => !p.present()).map((p) => p.pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing system packages: ${missing.join(", ")}. Install them with: sudo apt-get install -y ${missing.join(" ")}`);
  }
  console.log(`[parley] installing ${missing.join(", ")} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  if (update.status !== 0) throw new Error("apt-get update failed");
  const install = spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], { stdio: "inherit", env });
  if (install.status !== 0) throw new Error(`apt-get install ${missing.join(" ")} failed`);
}
