/**
 * Raised hands. The server stores the time a hand went up as the participant attribute `hand`
 * (ISO 8601; "" or absent = lowered), so every client sees the same order.
 */

export const HAND_ATTRIBUTE = "hand";

/** ms since epoch when the hand went up, or null when it is down (or the value is unreadable). */
export function handRaisedAt(value: string | undefined | null): number | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
}

export type ListRank = {
  /** Stable tie-breaker, e.g. the identity. */
  key: string;
  isLocal: boolean;
  /** ms since epoch. */
  joinedAt: number;
  handRaisedAt: number | null;
};

/**
 * Raised hands first, oldest first (the order a host should take them in); then you; then
 * everyone else in the order they joined.
 */
export function orderParticipants<T>(items: readonly T[], rankOf: (item: T) => ListRank): T[] {
  const ranked = items.map((item) => ({ item, rank: rankOf(item) }));
  ranked.sort(({ rank: a }, { rank: b }) => {
    const aHand = a.handRaisedAt !== null;
    const bHand = b.handRaisedAt !== null;
    if (aHand !== bHand) return aHand ? -1 : 1;
    if (aHand && bHand && a.handRaisedAt !== b.handRaisedAt) return (a.handRaisedAt ?? 0) - (b.handRaisedAt ?? 0);
    if (a.isLocal !== b.isLocal) return a.isLocal ? -1 : 1;
    if (a.joinedAt !== b.joinedAt) return a.joinedAt - b.joinedAt;
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
  return ranked.map(({ item }) => item);
}
