import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Redis } from "ioredis";
import { onShutdown } from "./process";
import { createScriptTranslator } from "./upstash-lua";

/**
 * An Upstash-compatible REST endpoint in front of a plain Redis, so `@upstash/redis` (and
 * @upstash/ratelimit on top of it) can be tested against a real Redis. It speaks what the client
 * sends (see node_modules/@upstash/redis, HttpClient):
 *   POST /            body ["CMD", arg, …]        → {"result": …}, or 400 {"error": "…"}
 *   POST /pipeline    body [["CMD", …], …]       → [{"result": …} | {"error": "…"}, …]
 *   POST /multi-exec  the same, run as MULTI/EXEC (atomically)
 * with `Authorization: Bearer <token>` (401 otherwise). With `Upstash-Encoding: base64` every
 * string in a result is base64 (binary-safe), except the status reply "OK", as Upstash does.
 * Lua scripts written for Upstash are made acceptable to Redis (see upstash-lua.ts).
 *
 * All requests share one Redis connection, so commands that change or hold connection state
 * (SELECT, MULTI, WATCH, blocking pops, pub/sub…) are refused.
 */

export type UpstashRestProxy = { url: string; token: string; port: number; stop(): Promise<void> };

export type StartUpstashRestProxyOptions = { port: number; token: string; redisUrl: string };

const REFUSED = new Set([
  "select", "multi", "exec", "discard", "watch", "unwatch", "subscribe", "psubscribe", "ssubscribe",
  "unsubscribe", "punsubscribe", "sunsubscribe", "monitor", "quit", "reset", "hello", "auth", "client",
  "blpop", "brpop", "blmove", "brpoplpush", "blmpop", "bzpopmin", "bzpopmax", "bzmpop", "xread", "xreadgroup",
  "wait", "shutdown", "debug", "sync", "psync", "replicaof", "slaveof",
]);
const MAX_BODY_BYTES = 10 * 1024 * 1024;

type Command = [string, ...string[]];
type Reply = { result: unknown } | { error: string };

class RequestError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export function startUpstashRestProxy({ port, token, redisUrl }: StartUpstashRestProxyOptions): Promise<UpstashRestProxy> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  redis.on("error", (error) => console.error(`[upstash-proxy] redis: ${error.message}`));
  const expected = Buffer.from(`Bearer ${token}`);
  const scripts = createScriptTranslator();
  const run = async (command: Command) => scripts.fromRedis(command, await redis.callBuffer(...scripts.toRedis(command)));

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof RequestError ? error.status : 500;
      send(res, status, { error: error instanceof Error ? error.message : String(error) });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const given = Buffer.from(req.headers.authorization ?? "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new RequestError(401, "Unauthorized");
    if (req.method !== "POST") throw new RequestError(405, "ERR only POST is supported");
    const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    const encode = (reply: unknown) => encodeReply(reply, base64);
    const path = new URL(req.url ?? "/", "http://proxy").pathname.replace(/\/+$/, "") || "/";
    const body = await readBody(req);

    if (path === "/") {
      const command = parseCommand(body);
      try {
        return send(res, 200, { result: encode(await run(command)) });
      } catch (error) {
        return send(res, 400, { error: replyErrorMessage(error) });
      }
    }
    if (path !== "/pipeline" && path !== "/multi-exec") throw new RequestError(404, `ERR unknown endpoint ${path}`);
    if (!Array.isArray(body) || body.length === 0) throw new RequestError(400, "ERR expected a non-empty array of commands");
    const commands = body.map(parseCommand);
    const replies: Reply[] =
      path === "/pipeline"
        ? // Sent in order on one connection, without waiting for each reply: Redis pipelining.
          (await Promise.allSettled(commands.map(run))).map((settled) =>
            settled.status === "fulfilled" ? { result: encode(settled.value) } : { error: replyErrorMessage(settled.reason) },
          )
        : await runTransaction(redis, commands, scripts, encode);
    send(res, 200, replies);
  }

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      let stopped: Promise<void> | undefined;
      const stop = () => {
        stopped ??= (async () => {
          unregister();
          server.closeAllConnections();
          await new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done())));
          await redis.quit().catch(() => redis.disconnect()); // Redis already gone: just drop the socket
        })();
        return stopped;
      };
      const unregister = onShutdown("upstash-proxy", stop);
      resolve({ url: `http://127.0.0.1:${port}`, token, port, stop });
    });
  });
}

async function runTransaction(
  redis: Redis,
  commands: Command[],
  scripts: ReturnType<typeof createScriptTranslator>,
  encode: (reply: unknown) => unknown,
): Promise<Reply[]> {
  const transaction = redis.multi();
  for (const command of commands) transaction.callBuffer(...scripts.toRedis(command));
  const results = await transaction.exec();
  // null: the transaction was discarded (only WATCH does that, and WATCH is refused).
  if (!results) throw new RequestError(400, "EXECABORT Transaction discarded");
  return results.map(([error, value], i) =>
    error ? { error: replyErrorMessage(error) } : { result: encode(scripts.fromRedis(commands[i], value)) },
  );
}

function parseCommand(raw: unknown): Command {
  if (!Array.isArray(raw) || raw.length === 0) throw new RequestError(400, "ERR a command is a non-empty JSON array");
  const parts = raw.map((part) => {
    if (typeof part === "string") return part;
    if (typeof part === "number" || typeof part === "boolean") return String(part);
    throw new RequestError(400, "ERR command arguments must be strings, numbers or booleans");
  });
  if (REFUSED.has(parts[0].toLowerCase())) throw new RequestError(400, `ERR ${parts[0]} is not supported over REST`);
  return parts as Command;
}

/** Redis replies as JSON: integers stay numbers, nil is null, arrays recurse, strings maybe base64. */
function encodeReply(reply: unknown, base64: boolean): unknown {
  if (reply === null || reply === undefined) return null;
  if (typeof reply === "number") return reply;
  if (Buffer.isBuffer(reply) || typeof reply === "string") {
    const bytes = Buffer.isBuffer(reply) ? reply : Buffer.from(reply);
    const text = bytes.toString("utf8");
    if (!base64 || text === "OK") return text;
    return bytes.toString("base64");
  }
  if (Array.isArray(reply)) return reply.map((item) => encodeReply(item, base64));
  if (reply instanceof Error) return reply.message; // an error nested in a script's reply
  return reply;
}

function replyErrorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RequestError(413, "ERR request body too large");
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new RequestError(400, "ERR the body is not valid JSON");
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  if (res.headersSent) return res.end();
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
