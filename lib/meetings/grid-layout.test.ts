import { describe, expect, it } from "vitest";
import { DESKTOP_PAGE_SIZE, NARROW_PAGE_SIZE, gridShape, orderTiles, pageSizeFor, paginate, type TileRank } from "./grid-layout";

const tile = (key: string, overrides: Partial<TileRank> = {}): TileRank => ({ key, isSpeaking: false, audioLevel: 0, isLocal: false, joinedAt: 0, ...overrides });
const keys = (tiles: TileRank[]) => tiles.map((t) => t.key);

describe("orderTiles", () => {
  it("puts speakers first, loudest first", () => {
    const tiles = [tile("me", { isLocal: true }), tile("quiet", { joinedAt: 1 }), tile("soft", { isSpeaking: true, audioLevel: 0.2 }), tile("loud", { isSpeaking: true, audioLevel: 0.9 })];
    expect(keys(orderTiles(tiles, (t) => t))).toEqual(["loud", "soft", "me", "quiet"]);
  });

  it("keeps everyone else stable: you, then by join time", () => {
    const tiles = [tile("c", { joinedAt: 30 }), tile("a", { joinedAt: 10 }), tile("me", { isLocal: true, joinedAt: 20 }), tile("b", { joinedAt: 20 })];
    expect(keys(orderTiles(tiles, (t) => t))).toEqual(["me", "a", "b", "c"]);
  });

  it("does not mutate its input", () => {
    const tiles = [tile("b", { joinedAt: 2 }), tile("a", { joinedAt: 1 })];
    orderTiles(tiles, (t) => t);
    expect(keys(tiles)).toEqual(["b", "a"]);
  });
});

describe("paginate", () => {
  const items = Array.from({ length: 11 }, (_, i) => i);

  it("splits into pages of the given size", () => {
    expect(paginate(items, 0, 9)).toEqual({ items: [0, 1, 2, 3, 4, 5, 6, 7, 8], page: 0, pageCount: 2 });
    expect(paginate(items, 1, 9)).toEqual({ items: [9, 10], page: 1, pageCount: 2 });
    expect(paginate(items, 2, 4).items).toEqual([8, 9, 10]);
  });

  it("clamps a page that no longer exists (people left)", () => {
    expect(paginate([1, 2, 3], 5, 9)).toEqual({ items: [1, 2, 3], page: 0, pageCount: 1 });
    expect(paginate(items, -1, 4).page).toBe(0);
  });

  it("has one empty page when there is nobody", () => {
    expect(paginate([], 0, 9)).toEqual({ items: [], page: 0, pageCount: 1 });
  });
});

describe("pageSizeFor", () => {
  it("shows 9 tiles on desktop and 4 on a phone", () => {
    expect(pageSizeFor(false)).toBe(DESKTOP_PAGE_SIZE);
    expect(pageSizeFor(true)).toBe(NARROW_PAGE_SIZE);
    expect([DESKTOP_PAGE_SIZE, NARROW_PAGE_SIZE]).toEqual([9, 4]);
  });
});

describe("gridShape", () => {
  it("fits up to 9 tiles on desktop", () => {
    const shapes = [1, 2, 3, 4, 5, 6, 7, 9].map((n) => gridShape(n, false));
    expect(shapes).toEqual([
      { columns: 1, rows: 1 },
      { columns: 2, rows: 1 },
      { columns: 2, rows: 2 },
      { columns: 2, rows: 2 },
      { columns: 3, rows: 2 },
      { columns: 3, rows: 2 },
      { columns: 3, rows: 3 },
      { columns: 3, rows: 3 },
    ]);
  });

  it("stacks two tiles and uses 2×2 for more on a phone", () => {
    expect([1, 2, 3, 4].map((n) => gridShape(n, true))).toEqual([
      { columns: 1, rows: 1 },
      { columns: 1, rows: 2 },
      { columns: 2, rows: 2 },
      { columns: 2, rows: 2 },
    ]);
  });
});
