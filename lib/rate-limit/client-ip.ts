import "server-only";
import { isIP } from "node:net";
import { getEnv } from "@/lib/env";

/**
 * The address rate limits are counted against.
 *
 * Next.js route handlers and server actions do not expose the socket. What they get is the
 * `X-Forwarded-For` header, which the Next.js server fills with the socket's peer address only
 * when the request did not carry one, and which every reverse proxy appends the address it saw to.
 * So the trustworthy entry is the one the outermost proxy of ours added: with `hops` proxies in
 * front, the `hops`-th entry from the right. With none, it is the right-most entry (the socket,
 * as recorded by Next.js). The left-most entry is never used: it is whatever the client sent.
 *
 * CAUTION: with TRUST_PROXY unset the app is assumed to be reached directly, and a client doing
 * that can send its own `X-Forwarded-For`, which Next.js then keeps: per-address limits only slow
 * down clients that do not forge it. Accepted because there is nothing better without the socket
 * (a shared bucket would let one abuser lock everybody out); the sign-in limit per email and the
 * token and chat limits per identity do not depend on the address. Deploy behind a proxy and set
 * TRUST_PROXY to make per-address limits binding.
 *
 * IPv6 addresses are counted per /64, the block one subscriber usually gets.
 */
export function clientIpFromHeaders(headers: Headers, trustedProxyHops: number): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chosen = entries[Math.max(0, entries.length - Math.max(1, trustedProxyHops))];
  return (chosen && normalizeIp(chosen)) || "unknown";
}

export function clientIp(headers: Headers): string {
  return clientIpFromHeaders(headers, getEnv().trustedProxyHops);
}

/** "1.2.3.4:5678" → "1.2.3.4", "[2001:db8::1]:443" → "2001:db8:0:0::/64"; null if not an IP. */
export function normalizeIp(raw: string): string | null {
  let ip = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracketed) ip = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(":"));
  ip = ip.replace(/%.*$/, ""); // zone index (fe80::1%eth0)
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) ip = mapped[1];
  const version = isIP(ip);
  if (version === 4) return ip;
  if (version === 6) return `${ipv6Groups(ip).slice(0, 4).join(":")}::/64`;
  return null;
}

function ipv6Groups(ip: string): string[] {
  // An embedded IPv4 tail only affects the last 32 bits; count it as two groups.
  const plain = ip.toLowerCase().replace(/\d+\.\d+\.\d+\.\d+$/, "0:0");
  const [head, tail] = plain.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16).toString(16));
}
