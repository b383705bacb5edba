import { describe, expect, it } from "vitest";
import { decideLobby, fetchLobby, getKnockStatus, isLobbyRefusal, knock, postControl, requestToken, sendReaction, setHand } from "./meeting-api";

type Seen = { url: string; init?: RequestInit };

function recorder(response: () => Response) {
  const seen: Seen[] = [];
  const fetchImpl = async (url: string | URL | Request, init?: RequestInit) => {
    seen.push({ url: String(url), init });
    return response();
  };
  return { seen, fetchImpl: fetchImpl as typeof fetch };
}

const refusal = (status: number, code: string, message: string) => () => Response.json({ error: { code, message } }, { status });

describe("postControl", () => {
  it("posts the action as JSON to the controls route", async () => {
    const { seen, fetchImpl } = recorder(() => Response.json({ ok: true }));
    const result = await postControl("abc-defg-hij", { action: "remove", identity: "u2", ban: true }, fetchImpl);
    expect(result.ok).toBe(true);
    expect(seen[0].url).toBe("/api/meetings/abc-defg-hij/controls");
    expect(seen[0].init?.method).toBe("POST");
    expect(new Headers(seen[0].init?.headers).get("content-type")).toBe("application/json");
    expect(JSON.parse(String(seen[0].init?.body))).toEqual({ action: "remove", identity: "u2", ban: true });
  });

  it("returns the server's error code and message on refusal", async () => {
    const { fetchImpl } = recorder(refusal(403, "forbidden:role", "Only the host can do that."));
    expect(await postControl("abc-defg-hij", { action: "end" }, fetchImpl)).toEqual({
      ok: false,
      status: 403,
      code: "forbidden:role",
      message: "Only the host can do that.",
    });
  });

  it("reports an error page without a JSON body as a failure with no message", async () => {
    const { fetchImpl } = recorder(() => new Response("<h1>Bad gateway</h1>", { status: 502 }));
    expect(await postControl("abc-defg-hij", { action: "mute_all" }, fetchImpl)).toEqual({ ok: false, status: 502, code: null, message: null });
  });

  it("turns a network failure into a 'network' failure instead of throwing", async () => {
    const fetchImpl = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    expect(await postControl("abc-defg-hij", { action: "mute_all" }, fetchImpl)).toEqual({ ok: false, status: 0, code: "network", message: null });
  });
});

describe("hand and reaction", () => {
  it("send exactly the documented bodies", async () => {
    const { seen, fetchImpl } = recorder(() => Response.json({ ok: true }));
    await setHand("abc-defg-hij", true, fetchImpl);
    await sendReaction("abc-defg-hij", "🎉", fetchImpl);
    expect(seen.map((s) => [s.url, JSON.parse(String(s.init?.body))])).toEqual([
      ["/api/meetings/abc-defg-hij/hand", { raised: true }],
      ["/api/meetings/abc-defg-hij/reaction", { emoji: "🎉" }],
    ]);
  });
});

describe("requestToken", () => {
  const grant = { token: "jwt", url: "ws://localhost:7880", self: { identity: "g1", name: "Guest", role: "viewer", canPublish: false } };

  it("returns the grant", async () => {
    const { fetchImpl } = recorder(() => Response.json(grant));
    expect(await requestToken("abc-defg-hij", fetchImpl)).toEqual({ ok: true, status: 200, data: grant });
  });

  it("recognises the lobby refusal and nothing else as one", async () => {
    const lobby = await requestToken("abc-defg-hij", recorder(refusal(403, "forbidden:lobby", "Wait for the host.")).fetchImpl);
    const banned = await requestToken("abc-defg-hij", recorder(refusal(403, "forbidden:banned", "You can't rejoin this meeting.")).fetchImpl);
    expect(isLobbyRefusal(lobby)).toBe(true);
    expect(isLobbyRefusal(banned)).toBe(false);
    expect(banned).toMatchObject({ ok: false, message: "You can't rejoin this meeting." });
  });

  it("treats a 2xx without a token as an invalid response", async () => {
    const { fetchImpl } = recorder(() => Response.json({ url: "ws://x" }));
    expect(await requestToken("abc-defg-hij", fetchImpl)).toMatchObject({ ok: false, code: "invalid_response" });
  });
});

describe("knock", () => {
  it("knocks with POST and polls with GET", async () => {
    const { seen, fetchImpl } = recorder(() => Response.json({ status: "waiting" }, { status: 202 }));
    expect(await knock("abc-defg-hij", fetchImpl)).toEqual({ ok: true, status: 202, data: { status: "waiting" } });
    expect(await getKnockStatus("abc-defg-hij", undefined, fetchImpl)).toMatchObject({ ok: true, data: { status: "waiting" } });
    expect(seen.map((s) => s.init?.method ?? "GET")).toEqual(["POST", "GET"]);
    expect(seen[1].init?.cache).toBe("no-store");
  });

  it("reports a cancelled poll as aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const fetchImpl = (async (_url: string, init?: RequestInit) => {
      init?.signal?.throwIfAborted();
      return Response.json({ status: "waiting" });
    }) as typeof fetch;
    expect(await getKnockStatus("abc-defg-hij", controller.signal, fetchImpl)).toMatchObject({ ok: false, code: "aborted" });
  });
});

describe("lobby", () => {
  it("lists requests and posts decisions", async () => {
    const requests = [{ identity: "g1", name: "Guest", requestedAt: "2025-01-01T10:00:00.000Z" }];
    const list = recorder(() => Response.json({ requests }));
    expect(await fetchLobby("abc-defg-hij", undefined, list.fetchImpl)).toEqual({ ok: true, status: 200, data: { requests } });
    const decide = recorder(() => Response.json({ ok: true }));
    await decideLobby("abc-defg-hij", { action: "admit_all" }, decide.fetchImpl);
    expect(decide.seen[0].url).toBe("/api/meetings/abc-defg-hij/lobby");
    expect(JSON.parse(String(decide.seen[0].init?.body))).toEqual({ action: "admit_all" });
  });
});
