import { beforeAll, describe, expect, it } from "vitest";

/** The tap in Node, with the few AudioWorklet globals it uses. */
type Tap = { process(inputs: Float32Array[][]): boolean; port: { messages: Array<{ type: string; samples?: Float32Array }> } };
let Processor: new (options: { processorOptions?: { blockSize?: number } }) => Tap;

beforeAll(async () => {
  const g = globalThis as Record<string, unknown>;
  g.sampleRate = 48_000;
  g.AudioWorkletProcessor = class {
    port = {
      messages: [] as unknown[],
      // Transfer detaches the buffer, as the browser does.
      postMessage(message: { samples?: Float32Array }, transfer: ArrayBuffer[] = []) {
        this.messages.push(message.samples ? { ...message, samples: message.samples.slice() } : message);
        for (const buffer of transfer) structuredClone(buffer, { transfer: [buffer] });
      },
    };
  };
  g.registerProcessor = (_name: string, processor: typeof Processor) => (Processor = processor);
  await import("./pcm-tap.worklet");
});

describe("PCM tap worklet", () => {
  it("hands out every sample once, in order, in full blocks, across many render quanta", () => {
    const tap = new Processor({ processorOptions: { blockSize: 300 } });
    let next = 0;
    for (let quantum = 0; quantum < 50; quantum++) {
      expect(tap.process([[Float32Array.from({ length: 128 }, () => next++)]])).toBe(true);
    }
    const blocks = tap.port.messages.filter((m) => m.type === "audio").map((m) => m.samples!);
    expect(blocks).toHaveLength(Math.floor((50 * 128) / 300));
    expect(blocks.every((b) => b.length === 300)).toBe(true);
    expect(blocks.flatMap((b) => Array.from(b))).toEqual(Array.from({ length: blocks.length * 300 }, (_, i) => i));
    expect(tap.port.messages[0]).toEqual({ type: "rate", sampleRate: 48_000 });
  });

  it("waits without input", () => {
    const tap = new Processor({});
    expect(tap.process([[]])).toBe(true);
    expect(tap.port.messages.filter((m) => m.type === "audio")).toEqual([]);
  });
});
