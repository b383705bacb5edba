/**
 * Origin handling shared by both sides. postMessage security rests on exact
 * origin comparison, so everything is reduced to `new URL(x).origin` first and
 * anything that is not a plain http(s) origin is refused outright.
 */

/** `https://Example.com:443/path` → `https://example.com`; null for "null", "*", non-http(s) or unparsable input. */
export function normaliseOrigin(value: string): string | null {
  // "null" is what sandboxed frames and file:// pages report: it is shared by
  // unrelated documents, so it can never identify one embedding site.
  if (value === "null" || value === "*") return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
}

/** Exact comparison of normalised origins. A "*" entry in the list matches nothing, on purpose. */
export function isAllowedOrigin(origin: string, allowList: readonly string[]): boolean {
  const candidate = normaliseOrigin(origin);
  if (candidate === null) return false;
  return allowList.some((entry) => normaliseOrigin(entry) === candidate);
}
