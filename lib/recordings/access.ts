import type { Recording } from "@/lib/db/schema";
import { can, type Role } from "@/lib/meetings/permissions";

/**
 * Who may see a recording: hosts and co-hosts always; others once a host shares it with the
 * meeting's members, it is complete, and they `joined` the meeting (a member, or let into the
 * room): knowing the meeting code is not membership. Browser-safe, so the UI and the server read the same rule.
 */
export function canViewRecording(role: Role, recording: Pick<Recording, "sharedWithMembers" | "status">, { joined }: { joined: boolean }): boolean {
  if (can(role, "recording.manage")) return true;
  return joined && recording.sharedWithMembers && recording.status === "ready";
}

/** Only the browser that started a recording uploads its parts and finishes it. */
export function canUpload(identity: string, recording: Pick<Recording, "startedBy" | "status">): boolean {
  return recording.startedBy === identity && recording.status === "recording";
}

/**
 * Who turns a finished recording into a seekable MP4 with a poster (in their browser, with
 * ffmpeg.wasm): the browser that recorded it, or else a host who opens it.
 */
export function mayProcess(caller: { identity: string; role: Role }, recording: Pick<Recording, "startedBy">): boolean {
  return recording.startedBy === caller.identity || can(caller.role, "recording.manage");
}

/** Whether a recording is finished and still waiting for its MP4 and poster. */
export function awaitsProcessing(recording: Pick<Recording, "status" | "processedAt">): boolean {
  return recording.status === "ready" && recording.processedAt === null;
}

export function canProcess(caller: { identity: string; role: Role }, recording: Pick<Recording, "startedBy" | "status" | "processedAt">): boolean {
  return mayProcess(caller, recording) && awaitsProcessing(recording);
}
