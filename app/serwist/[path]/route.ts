import { createSerwistRoute } from "@serwist/turbopack";
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";

// The offline page is rendered per request like every page, so it needs a revision of its own to
// be refetched when the app changes: the commit, or a fresh id for a build outside git.
const revision = spawnSync("git", ["rev-parse", "HEAD"], { encoding: "utf-8" }).stdout?.trim() || randomUUID();

/** Serves the service worker built from workers/browser/service.worker.ts at /serwist/sw.js (scope "/"). */
export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: "workers/browser/service.worker.ts",
  useNativeEsbuild: true,
  // Hashed build output and icons only; files under public/ like model weights are cached when used.
  globPatterns: [".next/static/**/*.{js,css,woff2}", "public/icons/**/*.{png,svg}"],
  additionalPrecacheEntries: [{ url: "/offline", revision }],
  esbuildOptions: { format: "iife" },
});
