import { describe, expect, it } from "vitest";
import { isHallucination, trimRepetition } from "./whisper-output";

const speech = { noSpeechProb: 0.05, avgLogprob: -0.2 };

describe("isHallucination", () => {
  it("keeps ordinary speech, in English and Chinese", () => {
    expect(isHallucination({ text: "Ask not what your country can do for you.", ...speech })).toBe(false);
    expect(isHallucination({ text: "我们下午三点开会。", ...speech })).toBe(false);
  });

  it("drops empty text and text that is only a non-speech tag", () => {
    for (const text of ["", "  ", "(music)", "[BLANK_AUDIO]", "♪ ♪", "（掌声）", "*applause*"]) expect(isHallucination({ text, ...speech }), text).toBe(true);
  });

  it("drops what Whisper writes on silence: likely no speech, unlikely words", () => {
    expect(isHallucination({ text: "I'm going to go to the store.", noSpeechProb: 0.8, avgLogprob: -1.3 })).toBe(true);
    // Either alone is not enough: quiet speech can score a high no-speech probability.
    expect(isHallucination({ text: "I'm going to go to the store.", noSpeechProb: 0.8, avgLogprob: -0.4 })).toBe(false);
    expect(isHallucination({ text: "I'm going to go to the store.", noSpeechProb: 0.1, avgLogprob: -1.3 })).toBe(false);
  });

  it("drops video sign-offs when speech is in doubt, and keeps a real thank-you", () => {
    const doubt = { noSpeechProb: 0.4, avgLogprob: -0.5 };
    for (const text of ["Thank you for watching!", "Thanks for watching.", "Please subscribe to my channel.", "字幕由Amara.org社区提供", "请不吝点赞 订阅 转发 打赏支持明镜与点点栏目", "谢谢观看。", "you"]) {
      expect(isHallucination({ text, ...doubt }), text).toBe(true);
    }
    expect(isHallucination({ text: "Thank you.", ...speech })).toBe(false);
    expect(isHallucination({ text: "Thank you for the update, that helps.", ...doubt })).toBe(false);
  });
});

describe("trimRepetition", () => {
  it("leaves ordinary text alone", () => {
    for (const text of ["And so my fellow Americans, ask not what your country can do for you.", "ha ha ha", "Wait...", "我们今天讨论新产品的设计。", "committee", ""]) {
      expect(trimRepetition(text)).toBe(text);
    }
  });

  it("cuts a loop to one occurrence", () => {
    expect(trimRepetition("三王三王三王三王三王三王")).toBe("三王");
    expect(trimRepetition("金王將王來4 尼尼尼尼尼尼尼尼尼尼尼尼尼尼")).toBe("金王將王來4 尼");
    expect(trimRepetition("I said no, no, no, no, no, no")).toBe("I said no,");
    expect(trimRepetition("Okay. Okay. Okay. Okay. Okay.")).toBe("Okay.");
  });

  it("drops the half unit a budget cut leaves at the end", () => {
    expect(trimRepetition("开始吧三王臺三王臺三王臺三王臺三王臺三")).toBe("开始吧三王臺");
  });
});
