/**
 * One error type for the whole app. A code like "not_found:meeting" maps to an
 * HTTP status and a message that is safe to show; details go to the log only.
 */
export type ErrorKind =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "gone"
  | "payload_too_large"
  | "unsupported_media_type"
  | "too_many_requests"
  | "internal"
  /** A service we call (a transcription server) answered, but not with something we can use. */
  | "bad_gateway"
  /** A service we call cannot be reached now; says when to try again (Retry-After). */
  | "service_unavailable";

export type ErrorCode = `${ErrorKind}:${string}`;

const statusByKind: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal: 500,
  bad_gateway: 502,
  service_unavailable: 503,
};

const defaultMessage: Record<ErrorKind, string> = {
  bad_request: "The request could not be understood. Check the fields and try again.",
  unauthorized: "Please sign in (or join as a guest) first.",
  forbidden: "You are not allowed to do that.",
  not_found: "Not found.",
  method_not_allowed: "This address does not accept that method.",
  conflict: "That conflicts with the current state.",
  gone: "That is no longer available.",
  payload_too_large: "The request is too large.",
  unsupported_media_type: "Send the request body as application/json.",
  too_many_requests: "Too many requests. Please wait a moment and try again.",
  internal: "Something went wrong on our side. Please try again.",
  bad_gateway: "A service this depends on gave an answer we could not use. Please try again.",
  service_unavailable: "A service this depends on can't be reached right now. Please try again shortly.",
};

export type FieldErrors = Record<string, string[]>;

export type AppErrorOptions = {
  cause?: unknown;
  /** Sent as `Retry-After` (seconds): when the client may try again (429, 503). */
  retryAfterSeconds?: number;
};

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly status: number;
  readonly publicMessage: string;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: FieldErrors,
    options?: AppErrorOptions,
  ) {
    const kind = code.split(":")[0] as ErrorKind;
    super(message ?? defaultMessage[kind], options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.kind = kind;
    this.status = statusByKind[kind] ?? 500;
    this.publicMessage = message ?? defaultMessage[kind];
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  toJSON() {
    return { error: { code: this.code, message: this.publicMessage, ...(this.fields ? { fields: this.fields } : {}) } };
  }

  toResponse(init?: ResponseInit) {
    const headers = new Headers(init?.headers);
    if (this.retryAfterSeconds !== undefined) headers.set("retry-after", String(this.retryAfterSeconds));
    return Response.json(this.toJSON(), { ...init, headers, status: this.status });
  }
}

/** Converts anything thrown in a handler into a JSON response; unknown errors are logged and hidden. */
export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) return err.toResponse();
  console.error("[parley] unhandled error", err);
  return new AppError("internal:unexpected").toResponse();
}
