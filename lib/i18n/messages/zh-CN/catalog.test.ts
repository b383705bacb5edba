import { describe, expect, it } from "vitest";
import { en } from "../en";
import { zhCN } from ".";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = `${prefix}${key}`;
    if (value !== null && typeof value === "object") {
      for (const [k, v] of leaves(value, `${path}.`)) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

describe("zh-CN catalog", () => {
  const enLeaves = leaves(en as Tree);
  const zhLeaves = leaves(zhCN as Tree);

  it("has exactly the same keys as English", () => {
    expect([...zhLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
  });

  it("has a non-empty string for every key", () => {
    for (const [key, value] of zhLeaves) {
      expect(typeof value, key).toBe("string");
      expect((value as string).trim(), key).not.toBe("");
    }
  });

  it("uses the same placeholders as English in every string", () => {
    for (const [key, value] of enLeaves) {
      expect(placeholders(String(zhLeaves.get(key) ?? "")), key).toEqual(placeholders(value as string));
    }
  });
});
