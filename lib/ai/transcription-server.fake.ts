import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for an OpenAI-compatible transcription server, for the failure modes a real one will
 * not produce on request (overloaded, refusing the key, answering garbage, never answering) and to
 * see exactly what we send. The words themselves are tested against a real server
 * (tests/integration/transcription-server.test.ts). Listens on 127.0.0.1, a port of the kernel's choice.
 */
export type ReceivedRequest = { path: string; headers: IncomingMessage["headers"]; form: FormData };
export type Reply = (request: ReceivedRequest, response: ServerResponse) => void;

export async function startFakeTranscriptionServer(reply: Reply): Promise<{ url: string; received: ReceivedRequest[]; close(): Promise<void> }> {
  const received: ReceivedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    // The same multipart parser fetch uses, so what we read is what any server would.
    const form = await new Request("http://fake", { method: "POST", headers: { "content-type": req.headers["content-type"] ?? "" }, body: Buffer.concat(chunks) }).formData();
    const request = { path: req.url ?? "", headers: req.headers, form };
    received.push(request);
    reply(request, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}
