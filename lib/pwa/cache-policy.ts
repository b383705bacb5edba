/**
 * What the service worker may keep, as plain functions so they are unit-tested. The rule: only
 * files that are the same for everyone (hashed build output, icons, model weights) are cached.
 * Pages and API responses carry personal data (names, meeting titles, chat), so they always go to
 * the network; a page that cannot be fetched gets the offline page instead.
 */

/** The offline fallback page (precached; it reads upcoming meetings from localStorage). */
export const OFFLINE_URL = "/offline";

export type RequestFacts = { url: URL; method: string; mode: RequestMode | string; sameOrigin: boolean };

export type CacheRule = "immutable" | "icons" | "models" | "network-only" | "navigation";

export function cacheRuleFor({ url, method, mode, sameOrigin }: RequestFacts): CacheRule {
  if (method !== "GET" || !sameOrigin) return "network-only";
  const path = url.pathname;
  // API responses, Auth.js, LiveKit webhooks: personal or live data, never stored.
  if (path.startsWith("/api/")) return "network-only";
  // React Server Component payloads are page data in another shape.
  if (url.searchParams.has("_rsc")) return "network-only";
  if (mode === "navigate") return "navigation";
  // Hashed by the build: a URL never changes its content.
  if (path.startsWith("/_next/static/")) return "immutable";
  if (path.startsWith("/icons/") || path === "/manifest.webmanifest") return "icons";
  if (path.startsWith("/models/")) return "models";
  return "network-only";
}
