/**
 * Where each video goes on the recording canvas, as Meet and Zoom lay out their own recordings:
 * with a screen share, the share fills most of the frame and the people sit in a column beside it;
 * otherwise a grid as square as it can be. Pure, so it is unit tested.
 */
export type Rect = { x: number; y: number; width: number; height: number };

export type LayoutInput = { width: number; height: number; tiles: number; screenShare: boolean; gap?: number };

export type Layout = { screen: Rect | null; tiles: Rect[] };

/** Most people drawn beside a screen share; the rest are still heard, as in the speaker view. */
export const MAX_SIDE_TILES = 4;
/** Most tiles drawn in a grid (a 5×5 grid at 720p is already tiny). */
export const MAX_GRID_TILES = 25;

export function layoutFor({ width, height, tiles, screenShare, gap = 8 }: LayoutInput): Layout {
  if (screenShare) {
    const side = Math.min(tiles, MAX_SIDE_TILES);
    if (side === 0) return { screen: { x: 0, y: 0, width, height }, tiles: [] };
    const columnWidth = Math.round(width * 0.2);
    const screen = { x: 0, y: 0, width: width - columnWidth - gap, height };
    const tileHeight = Math.min(Math.round((columnWidth * 9) / 16), Math.floor((height - gap * (side - 1)) / side));
    const top = Math.round((height - (tileHeight * side + gap * (side - 1))) / 2);
    return {
      screen,
      tiles: Array.from({ length: side }, (_, i) => ({ x: width - columnWidth, y: top + i * (tileHeight + gap), width: columnWidth, height: tileHeight })),
    };
  }
  const count = Math.min(tiles, MAX_GRID_TILES);
  if (count === 0) return { screen: null, tiles: [] };
  // Pick the column count whose 16:9 tiles come out largest.
  let best = { columns: 1, rows: count, tileWidth: 0, tileHeight: 0 };
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const cellWidth = (width - gap * (columns + 1)) / columns;
    const cellHeight = (height - gap * (rows + 1)) / rows;
    const tileWidth = Math.min(cellWidth, (cellHeight * 16) / 9);
    if (tileWidth > best.tileWidth) best = { columns, rows, tileWidth, tileHeight: (tileWidth * 9) / 16 };
  }
  const { columns, rows, tileWidth, tileHeight } = best;
  const top = (height - (rows * tileHeight + (rows - 1) * gap)) / 2;
  const rects: Rect[] = [];
  for (let i = 0; i < count; i++) {
    const row = Math.floor(i / columns);
    // The last row is centred when it is not full.
    const inRow = row === rows - 1 ? count - row * columns : columns;
    const left = (width - (inRow * tileWidth + (inRow - 1) * gap)) / 2;
    const column = i - row * columns;
    rects.push({ x: Math.round(left + column * (tileWidth + gap)), y: Math.round(top + row * (tileHeight + gap)), width: Math.round(tileWidth), height: Math.round(tileHeight) });
  }
  return { screen: null, tiles: rects };
}

/** The part of a `source`-sized image that covers `target` without distortion (CSS object-fit: cover). */
export function coverCrop(source: { width: number; height: number }, target: { width: number; height: number }): Rect {
  const scale = Math.max(target.width / source.width, target.height / source.height);
  const width = target.width / scale;
  const height = target.height / scale;
  return { x: (source.width - width) / 2, y: (source.height - height) / 2, width, height };
}

/** Where a `source`-sized image fits inside `target` whole (object-fit: contain), e.g. a shared screen. */
export function containRect(source: { width: number; height: number }, target: Rect): Rect {
  const scale = Math.min(target.width / source.width, target.height / source.height);
  const width = source.width * scale;
  const height = source.height * scale;
  return { x: target.x + (target.width - width) / 2, y: target.y + (target.height - height) / 2, width, height };
}

export const RESOLUTIONS = {
  "480p": { width: 854, height: 480, videoBitsPerSecond: 1_000_000 },
  "720p": { width: 1280, height: 720, videoBitsPerSecond: 2_500_000 },
  "1080p": { width: 1920, height: 1080, videoBitsPerSecond: 5_000_000 },
} as const;
export type Resolution = keyof typeof RESOLUTIONS;
