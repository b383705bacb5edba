/// <reference lib="webworker" />
import { CacheFirst, ExpirationPlugin, NetworkOnly, Serwist, StaleWhileRevalidate, type PrecacheEntry, type SerwistGlobalConfig } from "serwist";
import { OFFLINE_URL, cacheRuleFor, type CacheRule } from "@/lib/pwa/cache-policy";

/**
 * Parley's service worker, bundled by @serwist/turbopack (app/serwist/[path]/route.ts). It
 * precaches the app shell (hashed build output, icons, the offline page), serves the offline page
 * when a page cannot be fetched, and never stores pages or API responses (lib/pwa/cache-policy.ts).
 * A new version waits until the page asks it to take over ("new version available — reload").
 */
declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}
declare const self: ServiceWorkerGlobalScope;

const YEAR = 365 * 24 * 60 * 60;

const handlers: Record<CacheRule, InstanceType<typeof NetworkOnly | typeof CacheFirst | typeof StaleWhileRevalidate>> = {
  "network-only": new NetworkOnly(),
  navigation: new NetworkOnly(),
  immutable: new CacheFirst({
    cacheName: "parley-static",
    plugins: [new ExpirationPlugin({ maxEntries: 400, maxAgeSeconds: YEAR, maxAgeFrom: "last-used" })],
  }),
  icons: new StaleWhileRevalidate({ cacheName: "parley-icons" }),
  // Model weights are large and versioned by file name (models/manifest.json has their sha256).
  models: new CacheFirst({
    cacheName: "parley-models",
    plugins: [new ExpirationPlugin({ maxEntries: 32, maxAgeFrom: "last-used", maxAgeSeconds: YEAR })],
  }),
};

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: { cleanupOutdatedCaches: true },
  // The page decides when a new version takes over (it asks with a SKIP_WAITING message), so a
  // meeting in progress is never reloaded under someone's feet.
  skipWaiting: false,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: (Object.keys(handlers) as Array<keyof typeof handlers>).map((rule) => ({
    matcher: ({ url, request, sameOrigin }) =>
      cacheRuleFor({ url, method: request.method, mode: request.mode, sameOrigin }) === rule,
    handler: handlers[rule],
  })),
  fallbacks: {
    entries: [{ url: OFFLINE_URL, matcher: ({ request }) => request.mode === "navigate" }],
  },
});

serwist.addEventListeners();
