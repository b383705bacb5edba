import { describe, expect, it } from "vitest";
import { deriveMeetingKeys, E2eeDecryptError } from "@/lib/e2ee";
import { openSealed, sealFile, sealPart } from "./sealed";

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

describe("sealed recordings", async () => {
  const { text: key } = await deriveMeetingKeys("correct horse battery staple", "abc-defg-hij");
  const other = (await deriveMeetingKeys("another passphrase", "abc-defg-hij")).text;

  it("parts sealed as they are recorded open as the whole file, and the last part marks the end", async () => {
    const parts = [new Uint8Array(300).fill(1), new Uint8Array(200).fill(2), new Uint8Array(50).fill(3)];
    const sealed = await Promise.all(parts.map((p, i) => sealPart(key, new Blob([p]), i, "rec-1", i === parts.length - 1)));
    const whole = await bytesOf(new Blob(sealed));
    const opened = await openSealed(key, whole, "rec-1", "raw");
    expect(opened.endMayBeMissing).toBe(false);
    expect([...opened.bytes]).toEqual(parts.flatMap((p) => [...p]));
    expect(Buffer.from(whole).includes(Buffer.from(new Uint8Array(200).fill(2)))).toBe(false);
  });

  it("a recording that lost its end (the recorder vanished) still opens, and says so", async () => {
    const sealed = await sealPart(key, new Blob([new Uint8Array(10)]), 0, "rec-2", false);
    const opened = await openSealed(key, await bytesOf(sealed), "rec-2", "raw");
    expect(opened).toMatchObject({ endMayBeMissing: true });
    // Processed files are always whole: a missing end there is an error.
    const video = await bytesOf(await sealFile(key, new Blob([new Uint8Array(9 * 1024 * 1024)]), "rec-2", "video"));
    await expect(openSealed(key, video.subarray(0, 4 * 1024 * 1024 + 36), "rec-2", "video")).rejects.toBeInstanceOf(E2eeDecryptError);
    expect((await openSealed(key, video, "rec-2", "video")).bytes.length).toBe(9 * 1024 * 1024);
  });

  it("needs the right key, and the right recording and file", async () => {
    const poster = await bytesOf(await sealFile(key, new Blob([new Uint8Array([1, 2, 3])]), "rec-3", "poster"));
    await expect(openSealed(other, poster, "rec-3", "poster")).rejects.toBeInstanceOf(E2eeDecryptError);
    await expect(openSealed(key, poster, "rec-4", "poster")).rejects.toBeInstanceOf(E2eeDecryptError);
    await expect(openSealed(key, poster, "rec-3", "video")).rejects.toBeInstanceOf(E2eeDecryptError);
    expect([...(await openSealed(key, poster, "rec-3", "poster")).bytes]).toEqual([1, 2, 3]);
  });
});
