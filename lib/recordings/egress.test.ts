import { describe, expect, it } from "vitest";
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
});
