import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertCaptionServerCanBeChosen, offeredCaptionServer, serverForCaptions } from "./server-captions";

const server = { name: "Speech cluster" };
const on = { e2ee: false, captions: true, captionsServer: true };

function codeOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(409);
    return (error as AppError).code;
  }
}

describe("captions on the transcription server", () => {
  it("are offered only when a server is set up and the meeting is not end-to-end encrypted", () => {
    expect(offeredCaptionServer({ e2ee: false }, server)).toBe("Speech cluster");
    expect(offeredCaptionServer({ e2ee: true }, server)).toBeNull();
    expect(offeredCaptionServer({ e2ee: false }, undefined)).toBeNull();
  });

  it("can be chosen by a host only then", () => {
    expect(codeOf(() => assertCaptionServerCanBeChosen({ e2ee: false }, server))).toBeNull();
    expect(codeOf(() => assertCaptionServerCanBeChosen({ e2ee: true }, server))).toBe("conflict:captions_server_e2ee");
    expect(codeOf(() => assertCaptionServerCanBeChosen({ e2ee: false }, undefined))).toBe("conflict:no_transcription_server");
  });

  it("take speech only while captions are on, the server is chosen, and never in an encrypted meeting", () => {
    expect(serverForCaptions(on, server)).toBe(server);
    expect(codeOf(() => serverForCaptions({ ...on, captions: false }, server))).toBe("conflict:captions_off");
    expect(codeOf(() => serverForCaptions({ ...on, captionsServer: false }, server))).toBe("conflict:captions_server_off");
    expect(codeOf(() => serverForCaptions(on, undefined))).toBe("conflict:no_transcription_server");
    // A stored choice from before does not matter: encrypted is refused first.
    expect(codeOf(() => serverForCaptions({ ...on, e2ee: true }, server))).toBe("conflict:captions_server_e2ee");
  });
});
