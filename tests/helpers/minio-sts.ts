import { createHash, createHmac } from "node:crypto";

export type TemporaryCredentials = { accessKeyId: string; secretAccessKey: string; sessionToken: string };

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const hmac = (key: string | Buffer, text: string) => createHmac("sha256", key).update(text).digest();

/**
 * Temporary MinIO credentials that can do no more than `policy` allows: STS AssumeRole with an
 * inline session policy, called with the root user's keys. Signed with SigV4 here because the
 * AWS SDK's STS client is not a dependency and this is the only STS call the tests make.
 */
export async function assumeRoleWithPolicy({
  endpoint,
  accessKeyId,
  secretAccessKey,
  policy,
  region = "us-east-1",
}: {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  policy: unknown;
  region?: string;
}): Promise<TemporaryCredentials> {
  const body = new URLSearchParams({ Action: "AssumeRole", Version: "2011-06-15", DurationSeconds: "900", Policy: JSON.stringify(policy) }).toString();
  const amzDate = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${region}/sts/aws4_request`;
  const payloadHash = sha256(body);
  const signed: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    host: new URL(endpoint).host,
    "x-amz-content-sha256": payloadHash,
    "x-amz-date": amzDate,
  };
  const names = Object.keys(signed).sort();
  const canonicalRequest = ["POST", "/", "", names.map((n) => `${n}:${signed[n]}\n`).join(""), names.join(";"), payloadHash].join("\n");
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest)].join("\n");
  const signingKey = ["sts", "aws4_request"].reduce((key, part) => hmac(key, part), hmac(hmac(`AWS4${secretAccessKey}`, day), region));
  const signature = createHmac("sha256", signingKey).update(stringToSign).digest("hex");
  const { host: _host, ...headers } = signed;
  const response = await fetch(new URL("/", endpoint), {
    method: "POST",
    headers: { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}` },
    body,
  });
  const xml = await response.text();
  if (!response.ok) throw new Error(`AssumeRole answered ${response.status}: ${xml}`);
  const field = (name: string) => {
    const value = new RegExp(`<${name}>([^<]+)</${name}>`).exec(xml)?.[1];
    if (!value) throw new Error(`AssumeRole answer has no ${name}: ${xml}`);
    return value;
  };
  return { accessKeyId: field("AccessKeyId"), secretAccessKey: field("SecretAccessKey"), sessionToken: field("SessionToken") };
}
