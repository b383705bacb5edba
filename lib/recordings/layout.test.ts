import { describe, expect, it } from "vitest";
import { containRect, coverCrop, layoutFor, MAX_SIDE_TILES, type Rect } from "./layout";

const inside = (r: Rect, w: number, h: number) => r.x >= 0 && r.y >= 0 && r.x + r.width <= w + 1 && r.y + r.height <= h + 1;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe("layoutFor", () => {
  it("fills the frame with one person", () => {
    const { tiles, screen } = layoutFor({ width: 1280, height: 720, tiles: 1, screenShare: false });
    expect(screen).toBeNull();
    expect(tiles).toHaveLength(1);
    expect(tiles[0].width).toBeGreaterThan(1200);
  });

  it.each([2, 3, 4, 5, 9, 16, 25])("lays %i people out in a grid of equal, separate 16:9 tiles inside the frame", (n) => {
    const { tiles } = layoutFor({ width: 1280, height: 720, tiles: n, screenShare: false });
    expect(tiles).toHaveLength(n);
    for (const t of tiles) {
      expect(inside(t, 1280, 720)).toBe(true);
      expect(Math.abs(t.width / t.height - 16 / 9)).toBeLessThan(0.05);
    }
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(overlap(tiles[i], tiles[j])).toBe(false);
  });

  it("uses a 3×3 grid for 9 people at 720p", () => {
    const { tiles } = layoutFor({ width: 1280, height: 720, tiles: 9, screenShare: false });
    expect(new Set(tiles.map((t) => t.x)).size).toBe(3);
    expect(new Set(tiles.map((t) => t.y)).size).toBe(3);
  });

  it("gives a screen share most of the frame and puts up to four people beside it", () => {
    const { screen, tiles } = layoutFor({ width: 1280, height: 720, tiles: 9, screenShare: true });
    expect(screen!.width).toBeGreaterThan(1280 * 0.75);
    expect(tiles).toHaveLength(MAX_SIDE_TILES);
    for (const t of tiles) {
      expect(inside(t, 1280, 720)).toBe(true);
      expect(overlap(t, screen!)).toBe(false);
    }
    expect(layoutFor({ width: 1280, height: 720, tiles: 0, screenShare: true }).screen).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
  });
});

describe("fitting images", () => {
  it("crops a 4:3 camera to fill a 16:9 tile without stretching", () => {
    const crop = coverCrop({ width: 640, height: 480 }, { width: 320, height: 180 });
    expect(crop.width).toBeCloseTo(640);
    expect(crop.height).toBeCloseTo(360);
    expect(crop.y).toBeCloseTo(60);
  });

  it("shows a whole tall screen inside a wide area", () => {
    const r = containRect({ width: 1000, height: 2000 }, { x: 0, y: 0, width: 1000, height: 500 });
    expect(r).toEqual({ x: 375, y: 0, width: 250, height: 500 });
  });
});
