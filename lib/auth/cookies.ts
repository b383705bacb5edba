import "server-only";
import { getEnv } from "@/lib/env";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Secure cookies whenever the browser will keep them: on https, and on loopback
 * (browsers treat http://localhost as a secure context). CAUTION: a plain-http
 * deployment on another host would get non-Secure cookies; serve it over https.
 */
export function shouldUseSecureCookies(): boolean {
  const url = getEnv().APP_URL;
  if (!url) return true;
  const { protocol, hostname } = new URL(url);
  return protocol === "https:" || LOOPBACK.has(hostname);
}
