import { describe, expect, it } from "vitest";
import { embedCodeFromPath } from "./embed";

describe("embedCodeFromPath", () => {
  it.each([
    ["/embed/abc-defg-hij", "abc-defg-hij"],
    ["/embed/abc-defg-hij/", "abc-defg-hij"],
    ["/embed/ABC-DEFG-HIJ", null],
    ["/embed/abc-defg-hij/extra", null],
    ["/embed/", null],
    ["/embed/%zz", null],
    ["/m/abc-defg-hij", null],
    ["/sdk/parley-embed.js", null],
  ])("%s → %s", (path, code) => {
    expect(embedCodeFromPath(path)).toBe(code);
  });
});
