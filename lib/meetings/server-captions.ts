import { AppError } from "@/lib/errors";
import type { MeetingSettings } from "./settings";

/**
 * When a meeting's captions may be made on the deployment's transcription server (TRANSCRIPTION_SERVER_URL)
 * rather than on each speaker's device: one is set up, a host chose it, captions are on, and the
 * meeting is not end-to-end encrypted. CAUTION: the last rule has no exception. An encrypted
 * meeting's audio never leaves the participants' devices in the clear, whatever the stored settings
 * or the room metadata say; both routes and the browser check it. Pure.
 */
type Settings = Pick<MeetingSettings, "e2ee" | "captions" | "captionsServer">;

export const e2eeRefusal = () =>
  new AppError("conflict:captions_server_e2ee", "This meeting is end-to-end encrypted: its audio is never sent to a transcription server.");
const notSetUp = () => new AppError("conflict:no_transcription_server", "No transcription server is set up here (TRANSCRIPTION_SERVER_URL).");

/** The server's name when this meeting may use it (for the room metadata), else null. */
export function offeredCaptionServer<S extends { name: string }>(settings: Pick<Settings, "e2ee">, server: S | undefined): string | null {
  return server && !settings.e2ee ? server.name : null;
}

/** Throws why a host may not choose the server for this meeting's captions. */
export function assertCaptionServerCanBeChosen<S>(settings: Pick<Settings, "e2ee">, server: S | undefined): asserts server is S {
  if (settings.e2ee) throw e2eeRefusal();
  if (!server) throw notSetUp();
}

/** The server to send this meeting's speech to now; throws why not (409s: the meeting's state, not the request, is wrong). */
export function serverForCaptions<S>(settings: Settings, server: S | undefined): S {
  assertCaptionServerCanBeChosen(settings, server);
  if (!settings.captions) throw new AppError("conflict:captions_off", "Captions are off in this meeting.");
  if (!settings.captionsServer) {
    throw new AppError("conflict:captions_server_off", "This meeting's captions are made on each speaker's device, not on the transcription server.");
  }
  return server;
}
