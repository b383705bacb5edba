import type { z } from "zod";
import { assertNotCrossSite } from "./csrf";
import { AppError, errorResponse, type FieldErrors } from "./errors";

const MAX_JSON_BYTES = 64 * 1024;

/** Turns zod issues into `{ "field.path": ["message"] }` a form can show. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function parseWith<S extends z.ZodType>(schema: S, data: unknown, code = "bad_request:validation"): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new AppError(code as `bad_request:${string}`, "Some fields are missing or invalid.", fieldErrors(parsed.error));
  }
  return parsed.data;
}

/**
 * The request body, at most `maxBytes` of it. A declared Content-Length over the limit is refused
 * before reading; a body without one (chunked) is counted while it streams in, and reading stops
 * as soon as it passes the limit, so nobody can make us buffer more than that, nor hold our answer
 * by never finishing the upload. Throws `tooLarge()` (a 413) in both cases.
 */
export async function readBodyUpTo(request: Request, maxBytes: number, tooLarge: () => AppError): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Not awaited: cancelling may wait on a client that keeps sending, and the 413 must not.
      // Its outcome changes nothing; the rest of the body is dropped either way.
      reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Reads a JSON body (size-limited, content-type checked) and validates it. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw new AppError("unsupported_media_type:json");
  const text = new TextDecoder().decode(await readBodyUpTo(request, MAX_JSON_BYTES, () => new AppError("payload_too_large:body")));
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError("bad_request:malformed_json", "The request body is not valid JSON.");
  }
  const unstorable = findUnstorableText(data);
  if (unstorable !== null) {
    throw new AppError("bad_request:text", "Text can't contain NUL characters or broken Unicode.", {
      [unstorable || "_"]: ["Remove NUL characters and unpaired surrogates."],
    });
  }
  return parseWith(schema, data);
}

// NUL, or a UTF-16 surrogate without its partner (JSON can carry both as \u escapes).
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The path ("a.b.0", "" for the root) of the first string or key PostgreSQL cannot store (text and
 * jsonb refuse NUL; jsonb refuses unpaired surrogates), or null. Checked once at the boundary so
 * no handler turns such input into a 500. Iterative: bodies may nest thousands of levels deep.
 */
export function findUnstorableText(value: unknown): string | null {
  const stack: Array<[unknown, string]> = [[value, ""]];
  while (stack.length) {
    const [current, path] = stack.pop()!;
    if (typeof current === "string") {
      if (UNSTORABLE.test(current)) return path;
    } else if (current !== null && typeof current === "object") {
      for (const [key, child] of Object.entries(current)) {
        const childPath = path ? `${path}.${key}` : key;
        if (UNSTORABLE.test(key)) return childPath;
        stack.push([child, childPath]);
      }
    }
  }
  return null;
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

export type RouteOptions = {
  /**
   * Refuse cross-site POST/PUT/PATCH/DELETE (the rule is in lib/csrf.ts). On by default; turn it off
   * only for callers that prove who they are another way, like LiveKit's signed webhooks.
   */
  csrf?: boolean;
};

/**
 * Wraps a route handler: cross-site state-changing requests are refused (403 `forbidden:csrf`),
 * and every thrown error becomes a JSON response (never an HTML 500 page).
 */
export function route<C>(handler: Handler<C>, { csrf = true }: RouteOptions = {}): Handler<C> {
  return async (request, context) => {
    try {
      if (csrf) assertNotCrossSite(request);
      return await handler(request, context);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * Handlers for the methods a route file does not implement: a JSON 405 naming the allowed ones
 * (Next.js itself would answer 405 with an empty body), and OPTIONS listing them.
 *
 *   export const { PUT, DELETE, OPTIONS } = refuseOtherMethods("GET", "POST", "PATCH");
 *
 * Destructuring a method the route does implement is a type error.
 */
export function refuseOtherMethods<A extends HttpMethod>(...allowed: A[]): Record<Exclude<HttpMethod, A> | "OPTIONS", () => Response> {
  const allow = [...allowed, ...(allowed.includes("GET" as A) ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse = () =>
    new AppError("method_not_allowed:route", `This address accepts ${allowed.join(", ")} only.`).toResponse({ headers: { allow } });
  const handlers = Object.fromEntries(HTTP_METHODS.filter((m) => !allowed.includes(m as A)).map((m) => [m, refuse]));
  return { ...handlers, OPTIONS: () => new Response(null, { status: 204, headers: { allow } }) } as Record<Exclude<HttpMethod, A> | "OPTIONS", () => Response>;
}
