import "server-only";
import { EgressClient, EgressStatus, EncodedFileOutput, EncodedFileType, S3Upload, type EgressInfo } from "livekit-server-sdk";
import { addAuditEntry } from "@/lib/db/queries/audit-log";
import { getMeetingById } from "@/lib/db/queries/meetings";
import { getRecordingByEgressId, updateRecording } from "@/lib/db/queries/recordings";
import type { Meeting } from "@/lib/db/schema";
import { getEnv, type Env } from "@/lib/env";
import { livekitHttpUrl } from "@/lib/livekit/room-service";
import { publishRoomState } from "@/lib/livekit/rooms";
import { deleteAfterFor } from "./files";

/**
 * Server-side recording through LiveKit Egress (when LIVEKIT_EGRESS=true and S3 is configured): a
 * RoomComposite egress renders the room's grid and writes an MP4 straight to the same bucket and key
 * scheme as browser recordings, so the same permissions, indicator, pages and retention apply.
 * UNTESTED against a running Egress service (none runs on the development machines); see README.
 * End-to-end encrypted meetings cannot use it: Egress has no key, so it would record ciphertext.
 */
let client: EgressClient | undefined;

function egressClient(): EgressClient {
  if (!client) {
    const env = getEnv();
    client = new EgressClient(livekitHttpUrl(), env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET);
  }
  return client;
}

/**
 * Where Egress writes the file: the app's bucket and key. Egress uploads it itself, with the
 * limited EGRESS_S3_* key when one is configured (it can only put objects under recordings/).
 * CAUTION: without one, Egress gets the app's own S3 keys, which can read and delete every
 * recording; README's configuration section shows how to make the limited key.
 */
export function egressFileOutput(objectKey: string, s3: NonNullable<Env["s3"]>): EncodedFileOutput {
  const credentials = s3.egressCredentials ?? { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey };
  return new EncodedFileOutput({
    fileType: EncodedFileType.MP4,
    filepath: objectKey,
    output: {
      case: "s3",
      value: new S3Upload({
        accessKey: credentials.accessKeyId,
        secret: credentials.secretAccessKey,
        region: s3.region,
        endpoint: s3.endpoint ?? "",
        bucket: s3.bucket,
        forcePathStyle: s3.forcePathStyle,
      }),
    },
  });
}

export async function startServerRecording(meeting: Meeting, objectKey: string): Promise<string> {
  const { s3 } = getEnv();
  if (!s3) throw new Error("Server recording needs S3 storage");
  const info = await egressClient().startRoomCompositeEgress(meeting.code, egressFileOutput(objectKey, s3), { layout: "grid" });
  return info.egressId;
}

export async function stopServerRecording(egressId: string): Promise<void> {
  await egressClient().stopEgress(egressId);
}

/** The `egress_ended` webhook: the file is in the bucket (or the egress failed). */
export async function finishServerRecording(info: EgressInfo): Promise<boolean> {
  const recording = await getRecordingByEgressId({ egressId: info.egressId });
  if (!recording || recording.status !== "recording") return false;
  const meeting = await getMeetingById({ id: recording.meetingId });
  const file = info.fileResults[0];
  const ok = info.status === EgressStatus.EGRESS_COMPLETE && file !== undefined;
  const endedAt = new Date();
  await updateRecording({
    id: recording.id,
    changes: ok
      ? {
          status: "ready",
          sizeBytes: Number(file.size),
          // Egress reports nanoseconds.
          durationMs: Math.round(Number(file.duration) / 1e6),
          endedAt,
          deleteAfter: meeting ? deleteAfterFor(meeting, endedAt) : null,
          // Egress writes a finished MP4; nothing to post-process.
          processedAt: endedAt,
        }
      : { status: "failed", endedAt },
  });
  await addAuditEntry({ meetingId: recording.meetingId, actor: "livekit", action: ok ? "recording.completed" : "recording.failed", target: recording.id, detail: { egressId: info.egressId, error: info.error || undefined } });
  if (meeting) await publishRoomState(meeting);
  return true;
}
