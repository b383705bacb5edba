import { GetObjectCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";

/** The MinIO the end-to-end app stores recordings in (E2E_S3, set by scripts/test-all.ts). */
export type E2eS3 = { endpoint: string; bucket: string; accessKeyId: string; secretAccessKey: string };

export function e2eS3(): E2eS3 {
  const raw = process.env.E2E_S3;
  if (!raw) throw new Error("E2E_S3 is not set; run the end-to-end tests with `npm test`");
  return JSON.parse(raw) as E2eS3;
}

function client(s3: E2eS3) {
  return new S3Client({ endpoint: s3.endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } });
}

/** An object's bytes straight from MinIO (with the root credentials, not through the app). */
export async function readObject(key: string): Promise<Uint8Array> {
  const s3 = e2eS3();
  const response = await client(s3).send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
  return response.Body!.transformToByteArray();
}

export async function objectExists(key: string): Promise<boolean> {
  const s3 = e2eS3();
  try {
    await client(s3).send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}
