/** Pure layout math for the meeting grid: which tiles, in what order, on which page, in what shape. */

export const DESKTOP_PAGE_SIZE = 9;
export const NARROW_PAGE_SIZE = 4;
/** Phones in portrait; keep in step with the breakpoint in meeting.module.css. */
export const NARROW_SCREEN_QUERY = "(max-width: 640px)";

export function pageSizeFor(narrow: boolean): number {
  return narrow ? NARROW_PAGE_SIZE : DESKTOP_PAGE_SIZE;
}

export type TileRank = {
  /** Stable tie-breaker (participant identity + source). */
  key: string;
  isSpeaking: boolean;
  /** 0..1, only compared between speakers. */
  audioLevel: number;
  isLocal: boolean;
  /** ms since epoch; earlier joiners first. */
  joinedAt: number;
};

/**
 * Speakers first (loudest first) so the person talking is always on page 1; everyone else keeps
 * a stable order — you, then by join time — so silent tiles do not shuffle around.
 */
export function orderTiles<T>(tiles: readonly T[], rankOf: (tile: T) => TileRank): T[] {
  const ranked = tiles.map((tile) => ({ tile, rank: rankOf(tile) }));
  ranked.sort(({ rank: a }, { rank: b }) => {
    if (a.isSpeaking !== b.isSpeaking) return a.isSpeaking ? -1 : 1;
    if (a.isSpeaking && a.audioLevel !== b.audioLevel) return b.audioLevel - a.audioLevel;
    if (a.isLocal !== b.isLocal) return a.isLocal ? -1 : 1;
    if (a.joinedAt !== b.joinedAt) return a.joinedAt - b.joinedAt;
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
  return ranked.map(({ tile }) => tile);
}

export type Page<T> = {
  items: T[];
  /** 0-based, clamped into range (a page can disappear when people leave). */
  page: number;
  pageCount: number;
};

export function paginate<T>(items: readonly T[], requestedPage: number, pageSize: number): Page<T> {
  const size = Math.max(1, Math.floor(pageSize));
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const page = Math.min(Math.max(0, Math.floor(requestedPage) || 0), pageCount - 1);
  return { items: items.slice(page * size, page * size + size), page, pageCount };
}

/** Columns × rows for `count` tiles: 1, 2 side by side (stacked on phones), 2×2, 3×2, 3×3. */
export function gridShape(count: number, narrow: boolean): { columns: number; rows: number } {
  const n = Math.max(1, Math.floor(count));
  const columns = narrow ? (n <= 2 ? 1 : 2) : Math.ceil(Math.sqrt(n));
  return { columns, rows: Math.ceil(n / columns) };
}
