import { describe, expect, it } from "vitest";
import { SpeakerContext, type SpeakerObservation } from "./speaker-context";

const heard = (over: Partial<SpeakerObservation> = {}): SpeakerObservation => ({
  language: "en",
  languageProbability: 0.99,
  audioSeconds: 3,
  tokens: [1, 2, 3],
  temperature: 0,
  kept: true,
  ...over,
});

describe("SpeakerContext", () => {
  it("fixes an auto-detected language after two sure, agreeing segments, and then never flips", () => {
    const speaker = new SpeakerContext({ lockLanguage: true, condition: true });
    expect(speaker.languageFor("auto")).toBe("auto");
    speaker.observe(heard({ language: "zh" }));
    expect(speaker.languageFor("auto")).toBe("auto");
    speaker.observe(heard({ language: "zh" }));
    expect(speaker.languageFor("auto")).toBe("zh");
    speaker.observe(heard({ language: "en" }));
    expect(speaker.languageFor("auto")).toBe("zh");
    // The speaker's own choice always wins.
    expect(speaker.languageFor("en")).toBe("en");
  });

  it("does not count unsure, short, disagreeing or dropped detections", () => {
    const speaker = new SpeakerContext({ lockLanguage: true, condition: true });
    speaker.observe(heard({ languageProbability: 0.6 }));
    speaker.observe(heard({ audioSeconds: 0.5 }));
    speaker.observe(heard({ kept: false }));
    speaker.observe(heard({ language: "zh" }));
    speaker.observe(heard({ language: "en" }));
    expect(speaker.languageFor("auto")).toBe("auto");
  });

  it("prompts with the previous kept text in the same language, not with a hot fallback or another language", () => {
    const speaker = new SpeakerContext({ lockLanguage: true, condition: true });
    expect(speaker.promptFor("en")).toEqual([]);
    speaker.observe(heard({ tokens: [5, 6] }));
    expect(speaker.promptFor("en")).toEqual([5, 6]);
    expect(speaker.promptFor("zh")).toEqual([]);
    speaker.observe(heard({ tokens: [7], temperature: 0.8 }));
    expect(speaker.promptFor("en")).toEqual([5, 6]);
    speaker.observe(heard({ tokens: [8], kept: false }));
    expect(speaker.promptFor("en")).toEqual([5, 6]);
  });

  it("can be switched off for the evaluation's before/after", () => {
    const speaker = new SpeakerContext({ lockLanguage: false, condition: false });
    speaker.observe(heard());
    speaker.observe(heard());
    expect(speaker.languageFor("auto")).toBe("auto");
    expect(speaker.promptFor("en")).toEqual([]);
  });
});
