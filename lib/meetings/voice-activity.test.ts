import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createVoiceSender, detectorSays, isSpeaking, postVoiceSchema, speakingAttribute } from "./voice-activity";

describe("speaking indicator", () => {
  it("takes the speaker's own detector over the SFU, and a muted microphone over both", () => {
    expect(isSpeaking({ detector: false, sfu: true, micOff: false })).toBe(false);
    expect(isSpeaking({ detector: true, sfu: false, micOff: false })).toBe(true);
    expect(isSpeaking({ detector: undefined, sfu: true, micOff: false })).toBe(true);
    expect(isSpeaking({ detector: undefined, sfu: false, micOff: false })).toBe(false);
    expect(isSpeaking({ detector: true, sfu: true, micOff: true })).toBe(false);
  });

  it("reads the attribute the server keeps, and nothing else, as the detector's word", () => {
    expect(detectorSays(speakingAttribute(true))).toBe(true);
    expect(detectorSays(speakingAttribute(false))).toBe(false);
    expect(detectorSays(undefined)).toBeUndefined();
    expect(detectorSays("")).toBeUndefined();
    expect(detectorSays("true")).toBeUndefined();
  });

  it("says what is wrong with a bad request body", () => {
    const result = postVoiceSchema.safeParse({ speaking: 1 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe("speaking must be true or false");
  });
});

describe("createVoiceSender", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A post whose answers the test releases one by one. */
  function controlledPost() {
    const calls: boolean[] = [];
    const answers: Array<(r: { ok: boolean; status: number }) => void> = [];
    const post = (speaking: boolean) => {
      calls.push(speaking);
      return new Promise<{ ok: boolean; status: number }>((resolve) => answers.push(resolve));
    };
    const answer = async (r = { ok: true, status: 204 }) => {
      answers.shift()?.(r);
      await vi.advanceTimersByTimeAsync(0);
    };
    return { calls, post, answer };
  }

  it("sends one change at a time, then only the newest, and nothing the server already heard", async () => {
    const { calls, post, answer } = controlledPost();
    const sender = createVoiceSender(post);
    sender.set(true);
    sender.set(false);
    sender.set(true);
    sender.set(false);
    expect(calls).toEqual([true]);
    await answer();
    expect(calls).toEqual([true, false]);
    await answer();
    sender.set(false);
    expect(calls).toEqual([true, false]);
  });

  it("retries a transient failure with the newest state, and gives up on a refusal", async () => {
    const { calls, post, answer } = controlledPost();
    const sender = createVoiceSender(post, { retryMs: 1000 });
    sender.set(true);
    await answer({ ok: false, status: 503 });
    sender.set(false);
    expect(calls).toEqual([true]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual([true, false]);
    await answer({ ok: false, status: 403 });
    sender.set(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toEqual([true, false]);
  });

  it("says 'not speaking' on the way out when the server last heard 'speaking'", async () => {
    const { calls, post, answer } = controlledPost();
    const sender = createVoiceSender(post);
    sender.set(true);
    await answer();
    sender.dispose(false);
    expect(calls).toEqual([true, false]);
    const quiet = controlledPost();
    createVoiceSender(quiet.post).dispose(false);
    expect(quiet.calls).toEqual([]);
  });
});
