import { createHash } from "node:crypto";

/**
 * Upstash accepts a Lua shebang flag that Redis does not: `allow-key-locking` (Upstash then locks
 * only the keys a script declares instead of the whole database). @upstash/ratelimit ≥ 2.2 puts it
 * on every script, and Redis refuses such a script ("Unexpected flag in script shebang"). Redis
 * runs one script at a time anyway, so dropping the flag keeps the scripts' meaning.
 *
 * Clients call scripts by the SHA1 of the text they sent (EVALSHA with hashes hard-coded in
 * @upstash/ratelimit), so the rewritten script's SHA1 is mapped back: callers see Upstash's hashes.
 */
const UPSTASH_ONLY_FLAGS = new Set(["allow-key-locking"]);

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

export function createScriptTranslator() {
  const redisShaFor = new Map<string, string>(); // SHA1 of the client's text → SHA1 Redis knows

  const rewrite = (script: string): string => {
    const match = /^#!lua(?:[ \t]+flags=([^\s]*))?([^\n]*)/.exec(script);
    if (!match?.[1]) return script;
    const flags = match[1].split(",").filter((flag) => flag && !UPSTASH_ONLY_FLAGS.has(flag));
    const shebang = `#!lua${flags.length ? ` flags=${flags.join(",")}` : ""}${match[2]}`;
    const redisScript = shebang + script.slice(match[0].length);
    if (redisScript !== script) redisShaFor.set(sha1(script), sha1(redisScript));
    return redisScript;
  };
  const mapSha = (sha: string) => redisShaFor.get(sha.toLowerCase()) ?? sha;

  return {
    /** The command to send to Redis instead of `command`. */
    toRedis(command: [string, ...string[]]): [string, ...string[]] {
      const [name, ...args] = command;
      switch (name.toLowerCase()) {
        case "eval":
        case "eval_ro":
          return args.length ? [name, rewrite(args[0]), ...args.slice(1)] : command;
        case "evalsha":
        case "evalsha_ro":
          return args.length ? [name, mapSha(args[0]), ...args.slice(1)] : command;
        case "script": {
          const sub = args[0]?.toLowerCase();
          if (sub === "load" && args.length === 2) return [name, args[0], rewrite(args[1])];
          if (sub === "exists") return [name, args[0], ...args.slice(1).map(mapSha)];
          return command;
        }
        default:
          return command;
      }
    },
    /** SCRIPT LOAD answers with the SHA1 of the text the client sent, as Upstash does. */
    fromRedis(command: [string, ...string[]], reply: unknown): unknown {
      const [name, sub, script] = command;
      if (name.toLowerCase() === "script" && sub?.toLowerCase() === "load" && script !== undefined && reply !== null) {
        return sha1(script);
      }
      return reply;
    },
  };
}
