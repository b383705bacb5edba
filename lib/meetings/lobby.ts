/** Lobby list helpers for the host's panel (browser-safe). */
export type LobbyEntry = { identity: string; name: string; requestedAt: string };

const timeOf = (r: LobbyEntry) => {
  const t = Date.parse(r.requestedAt);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
};

/** Whoever has waited longest first; unreadable times last. */
export function sortLobby<T extends LobbyEntry>(requests: T[]): T[] {
  return [...requests].sort((a, b) => timeOf(a) - timeOf(b));
}

/** Who is new since the previous read (everyone on the first read), to announce them once. */
export function newArrivals<T extends LobbyEntry>(previous: T[] | null, next: T[]): T[] {
  if (!previous) return next;
  const known = new Set(previous.map((r) => r.identity));
  return next.filter((r) => !known.has(r.identity));
}
