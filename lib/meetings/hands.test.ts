import { describe, expect, it } from "vitest";
import { handRaisedAt, orderParticipants, type ListRank } from "./hands";

describe("handRaisedAt", () => {
  it("reads the ISO time the server stores", () => {
    expect(handRaisedAt("2025-03-01T10:00:00.000Z")).toBe(Date.UTC(2025, 2, 1, 10));
  });

  it("treats empty, missing and unreadable values as a lowered hand", () => {
    expect(handRaisedAt("")).toBeNull();
    expect(handRaisedAt(undefined)).toBeNull();
    expect(handRaisedAt(null)).toBeNull();
    expect(handRaisedAt("yes")).toBeNull();
  });
});

describe("orderParticipants", () => {
  const person = (key: string, over: Partial<ListRank> = {}): ListRank => ({ key, isLocal: false, joinedAt: 0, handRaisedAt: null, ...over });
  const order = (people: ListRank[]) => orderParticipants(people, (p) => p).map((p) => p.key);

  it("puts you first, then everyone by join time", () => {
    expect(order([person("b", { joinedAt: 2 }), person("me", { isLocal: true, joinedAt: 3 }), person("a", { joinedAt: 1 })])).toEqual(["me", "a", "b"]);
  });

  it("lists raised hands first, the oldest hand first, even ahead of you", () => {
    const people = [
      person("me", { isLocal: true }),
      person("late-hand", { joinedAt: 1, handRaisedAt: 200 }),
      person("quiet", { joinedAt: 2 }),
      person("early-hand", { joinedAt: 3, handRaisedAt: 100 }),
    ];
    expect(order(people)).toEqual(["early-hand", "late-hand", "me", "quiet"]);
  });

  it("breaks ties by join time and then identity so the list does not jump around", () => {
    expect(order([person("b", { handRaisedAt: 5 }), person("a", { handRaisedAt: 5 })])).toEqual(["a", "b"]);
    expect(order([person("b"), person("a")])).toEqual(["a", "b"]);
  });
});
