import { afterEach, describe, expect, it, vi } from "vitest";
import { EncodedFileType } from "livekit-server-sdk";
import { egressFileOutput } from "./egress";

describe("egressFileOutput", () => {
  it("has Egress write an MP4 to the app's own bucket and key, with path-style addressing for MinIO", () => {
    const output = egressFileOutput("recordings/abc-defg-hij/1.mp4", {
      bucket: "parley",
      region: "eu-west-1",
      endpoint: "http://minio:9000",
      publicEndpoint: undefined,
      forcePathStyle: true,
      accessKeyId: "AK",
      secretAccessKey: "SK",
    });
    expect(output.fileType).toBe(EncodedFileType.MP4);
    expect(output.filepath).toBe("recordings/abc-defg-hij/1.mp4");
    expect(output.output.case).toBe("s3");
    expect(output.output.value).toMatchObject({ bucket: "parley", region: "eu-west-1", endpoint: "http://minio:9000", forcePathStyle: true, accessKey: "AK", secret: "SK" });
  });

  it("leaves the endpoint empty for AWS itself", () => {
    const output = egressFileOutput("k.mp4", { bucket: "b", region: "us-east-1", endpoint: undefined, publicEndpoint: undefined, forcePathStyle: false, accessKeyId: "a", secretAccessKey: "s" });
    expect(output.output.value).toMatchObject({ endpoint: "", forcePathStyle: false });
  });

  it("gives Egress the limited upload key when one is configured, never the app's own", () => {
    const output = egressFileOutput("recordings/abc-defg-hij/2.mp4", {
      bucket: "parley",
      region: "us-east-1",
      endpoint: "http://minio:9000",
      publicEndpoint: undefined,
      forcePathStyle: true,
      accessKeyId: "APP-KEY",
      secretAccessKey: "APP-SECRET",
      egressCredentials: { accessKeyId: "EGRESS-KEY", secretAccessKey: "EGRESS-SECRET" },
    });
    expect(output.output.value).toMatchObject({ accessKey: "EGRESS-KEY", secret: "EGRESS-SECRET", bucket: "parley" });
    expect(JSON.stringify(output.toJson())).not.toContain("APP-");
  });
});

describe("EGRESS_S3_* configuration", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  const base = () => {
    vi.stubEnv("AUTH_SECRET", "x".repeat(32));
    vi.stubEnv("LIVEKIT_URL", "ws://127.0.0.1:7880");
    vi.stubEnv("LIVEKIT_API_KEY", "APIkey");
    vi.stubEnv("LIVEKIT_API_SECRET", "y".repeat(40));
    vi.stubEnv("S3_BUCKET", "parley");
    vi.stubEnv("S3_ACCESS_KEY_ID", "APP-KEY");
    vi.stubEnv("S3_SECRET_ACCESS_KEY", "APP-SECRET");
  };
  const outputFor = async () => {
    const { getEnv } = await import("@/lib/env");
    return egressFileOutput("recordings/abc-defg-hij/3.mp4", getEnv().s3!).output.value;
  };

  it("reaches the egress request when both are set", async () => {
    base();
    vi.stubEnv("EGRESS_S3_ACCESS_KEY_ID", "EGRESS-KEY");
    vi.stubEnv("EGRESS_S3_SECRET_ACCESS_KEY", "EGRESS-SECRET");
    expect(await outputFor()).toMatchObject({ accessKey: "EGRESS-KEY", secret: "EGRESS-SECRET" });
  });

  it("leaves the app's keys in the egress request when neither is set", async () => {
    base();
    vi.stubEnv("EGRESS_S3_ACCESS_KEY_ID", "");
    vi.stubEnv("EGRESS_S3_SECRET_ACCESS_KEY", "");
    expect(await outputFor()).toMatchObject({ accessKey: "APP-KEY", secret: "APP-SECRET" });
  });

  it("refuses one without the other, and either without S3_BUCKET", async () => {
    base();
    vi.stubEnv("EGRESS_S3_ACCESS_KEY_ID", "EGRESS-KEY");
    vi.stubEnv("EGRESS_S3_SECRET_ACCESS_KEY", "");
    await expect(outputFor()).rejects.toThrowError(/EGRESS_S3_SECRET_ACCESS_KEY: set both/);
    vi.resetModules();
    vi.stubEnv("EGRESS_S3_SECRET_ACCESS_KEY", "EGRESS-SECRET");
    vi.stubEnv("S3_BUCKET", "");
    await expect((async () => (await import("@/lib/env")).getEnv())()).rejects.toThrowError(/EGRESS_S3_ACCESS_KEY_ID: .*set S3_BUCKET/);
  });
});
