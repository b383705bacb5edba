/**
 * The wire protocol between a page that embeds Parley and the Parley iframe.
 *
 * This file is bundled into third-party pages, so it has no dependencies (not
 * even zod) and the validators are written by hand. Both sides treat every
 * incoming message as hostile: the parsers copy only known fields into a fresh
 * object, so junk, getters or prototype tricks never reach a handler.
 */

export const PROTOCOL = "parley-embed/1";

/** Upper bounds on string fields; anything longer is rejected, not truncated. */
export const EMBED_LIMITS = {
  chatText: 4000,
  name: 80,
  id: 64,
  meetingTitle: 200,
  errorCode: 64,
  errorMessage: 1000,
  reason: 200,
  timestamp: 64,
} as const;

export type EmbedCommand =
  | { command: "join"; displayName?: string; audio?: boolean; video?: boolean }
  | { command: "leave" }
  | { command: "toggleMic"; enabled?: boolean } // enabled omitted = toggle
  | { command: "toggleCamera"; enabled?: boolean }
  | { command: "toggleScreenShare"; enabled?: boolean }
  | { command: "sendChat"; text: string }
  | { command: "setDisplayName"; displayName: string }
  | { command: "raiseHand"; raised?: boolean }
  | { command: "startCaptions" }
  | { command: "stopCaptions" };

export type EmbedCommandName = EmbedCommand["command"];

export type EmbedParticipant = { identity: string; name: string };

export type EmbedChatMessage = { id: string; from: EmbedParticipant; text: string; sentAt: string };

export type EmbedEvent =
  | { event: "ready"; meeting: { code: string; title: string } }
  | { event: "joined"; participant: EmbedParticipant }
  | { event: "left"; reason: string }
  | { event: "participantJoined"; participant: EmbedParticipant }
  | { event: "participantLeft"; participant: EmbedParticipant }
  | { event: "micChanged"; enabled: boolean }
  | { event: "cameraChanged"; enabled: boolean }
  | { event: "screenShareChanged"; enabled: boolean }
  | { event: "handChanged"; raised: boolean }
  | { event: "captionsChanged"; enabled: boolean }
  | { event: "chatReceived"; message: EmbedChatMessage }
  | { event: "error"; code: string; message: string };

export type EmbedEventName = EmbedEvent["event"];

/** Event name → the payload a handler receives, so `on("chatReceived", (e) => e.message.text)` is typed. */
export type EmbedEventMap = { [E in EmbedEvent as E["event"]]: E };

export type EmbedMeetingInfo = EmbedEventMap["ready"]["meeting"];

export type EmbedErrorInfo = { code: string; message: string };

export type CommandEnvelope = { protocol: typeof PROTOCOL; kind: "command"; id: string } & EmbedCommand;

export type EventEnvelope = { protocol: typeof PROTOCOL; kind: "event" } & EmbedEvent;

export type ResultEnvelope =
  | { protocol: typeof PROTOCOL; kind: "result"; id: string; ok: true }
  | { protocol: typeof PROTOCOL; kind: "result"; id: string; ok: false; error: EmbedErrorInfo };

export type FrameMessage = EventEnvelope | ResultEnvelope;

// ---------------------------------------------------------------------------
// Field readers. Each returns the value, or INVALID when the field is wrong.

const INVALID = Symbol("invalid");
type Invalid = typeof INVALID;
type Fields = Record<string, unknown>;

function asRecord(value: unknown): Fields | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Fields) : null;
}

// Own properties only: an inherited `toString` or a polluted prototype is not a field.
function own(record: Fields, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function text(value: unknown, max: number, { allowBlank = false } = {}): string | Invalid {
  if (typeof value !== "string" || value.length > max) return INVALID;
  return allowBlank || value.trim().length > 0 ? value : INVALID;
}

function flag(value: unknown): boolean | Invalid {
  return typeof value === "boolean" ? value : INVALID;
}

function optionalFlag(value: unknown): boolean | undefined | Invalid {
  return value === undefined ? undefined : flag(value);
}

function participant(value: unknown): EmbedParticipant | Invalid {
  const record = asRecord(value);
  if (!record) return INVALID;
  const identity = text(own(record, "identity"), EMBED_LIMITS.id);
  const name = text(own(record, "name"), EMBED_LIMITS.name, { allowBlank: true });
  return identity === INVALID || name === INVALID ? INVALID : { identity, name };
}

function errorInfo(value: unknown): EmbedErrorInfo | Invalid {
  const record = asRecord(value);
  if (!record) return INVALID;
  const code = text(own(record, "code"), EMBED_LIMITS.errorCode);
  const message = text(own(record, "message"), EMBED_LIMITS.errorMessage, { allowBlank: true });
  return code === INVALID || message === INVALID ? INVALID : { code, message };
}

function timestamp(value: unknown): string | Invalid {
  const raw = text(value, EMBED_LIMITS.timestamp);
  return raw === INVALID || Number.isNaN(Date.parse(raw)) ? INVALID : raw;
}

// Builds the object only when no field is INVALID; optional fields left undefined are dropped.
function build<T>(fields: Record<string, unknown>): T | null {
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === INVALID) return null;
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}

// ---------------------------------------------------------------------------
// Commands

const commandParsers: { [K in EmbedCommandName]: (r: Fields) => Extract<EmbedCommand, { command: K }> | null } = {
  join: (r) =>
    build({
      command: "join",
      displayName: own(r, "displayName") === undefined ? undefined : text(own(r, "displayName"), EMBED_LIMITS.name),
      audio: optionalFlag(own(r, "audio")),
      video: optionalFlag(own(r, "video")),
    }),
  leave: () => ({ command: "leave" }),
  toggleMic: (r) => build({ command: "toggleMic", enabled: optionalFlag(own(r, "enabled")) }),
  toggleCamera: (r) => build({ command: "toggleCamera", enabled: optionalFlag(own(r, "enabled")) }),
  toggleScreenShare: (r) => build({ command: "toggleScreenShare", enabled: optionalFlag(own(r, "enabled")) }),
  sendChat: (r) => build({ command: "sendChat", text: text(own(r, "text"), EMBED_LIMITS.chatText) }),
  setDisplayName: (r) => build({ command: "setDisplayName", displayName: text(own(r, "displayName"), EMBED_LIMITS.name) }),
  raiseHand: (r) => build({ command: "raiseHand", raised: optionalFlag(own(r, "raised")) }),
  startCaptions: () => ({ command: "startCaptions" }),
  stopCaptions: () => ({ command: "stopCaptions" }),
};

function isKeyOf<T extends object>(table: T, key: unknown): key is keyof T {
  return typeof key === "string" && Object.prototype.hasOwnProperty.call(table, key);
}

/** Validates a bare command (no envelope). Used by both sides so a bad call fails fast on the parent. */
export function parseCommand(data: unknown): EmbedCommand | null {
  const record = asRecord(data);
  if (!record) return null;
  const name = own(record, "command");
  return isKeyOf(commandParsers, name) ? commandParsers[name](record) : null;
}

function envelopeOf(data: unknown, kind: "command" | "event" | "result"): Fields | null {
  const record = asRecord(data);
  return record && own(record, "protocol") === PROTOCOL && own(record, "kind") === kind ? record : null;
}

/**
 * The id of something that claims to be a command envelope, even if the command
 * itself is malformed or unknown. Lets the frame answer "invalid_command" to a
 * newer SDK instead of leaving it to time out.
 */
export function readCommandId(data: unknown): string | null {
  const record = envelopeOf(data, "command");
  const id = record ? text(own(record, "id"), EMBED_LIMITS.id) : INVALID;
  return id === INVALID ? null : id;
}

export function parseCommandEnvelope(data: unknown): CommandEnvelope | null {
  const record = envelopeOf(data, "command");
  const id = readCommandId(data);
  const command = record && parseCommand(record);
  return id !== null && command ? { protocol: PROTOCOL, kind: "command", id, ...command } : null;
}

// ---------------------------------------------------------------------------
// Events and results

function meetingInfo(value: unknown): EmbedMeetingInfo | Invalid {
  const record = asRecord(value);
  if (!record) return INVALID;
  const code = text(own(record, "code"), EMBED_LIMITS.id);
  const title = text(own(record, "title"), EMBED_LIMITS.meetingTitle, { allowBlank: true });
  return code === INVALID || title === INVALID ? INVALID : { code, title };
}

function chatMessage(value: unknown): EmbedChatMessage | Invalid {
  const record = asRecord(value);
  if (!record) return INVALID;
  return (
    build<EmbedChatMessage>({
      id: text(own(record, "id"), EMBED_LIMITS.id),
      from: participant(own(record, "from")),
      text: text(own(record, "text"), EMBED_LIMITS.chatText),
      sentAt: timestamp(own(record, "sentAt")),
    }) ?? INVALID
  );
}

const eventParsers: { [K in EmbedEventName]: (r: Fields) => EmbedEventMap[K] | null } = {
  ready: (r) => build({ event: "ready", meeting: meetingInfo(own(r, "meeting")) }),
  joined: (r) => build({ event: "joined", participant: participant(own(r, "participant")) }),
  left: (r) => build({ event: "left", reason: text(own(r, "reason"), EMBED_LIMITS.reason) }),
  participantJoined: (r) => build({ event: "participantJoined", participant: participant(own(r, "participant")) }),
  participantLeft: (r) => build({ event: "participantLeft", participant: participant(own(r, "participant")) }),
  micChanged: (r) => build({ event: "micChanged", enabled: flag(own(r, "enabled")) }),
  cameraChanged: (r) => build({ event: "cameraChanged", enabled: flag(own(r, "enabled")) }),
  screenShareChanged: (r) => build({ event: "screenShareChanged", enabled: flag(own(r, "enabled")) }),
  handChanged: (r) => build({ event: "handChanged", raised: flag(own(r, "raised")) }),
  captionsChanged: (r) => build({ event: "captionsChanged", enabled: flag(own(r, "enabled")) }),
  chatReceived: (r) => build({ event: "chatReceived", message: chatMessage(own(r, "message")) }),
  error: (r) =>
    build({
      event: "error",
      code: text(own(r, "code"), EMBED_LIMITS.errorCode),
      message: text(own(r, "message"), EMBED_LIMITS.errorMessage, { allowBlank: true }),
    }),
};

/** Validates a bare event (no envelope). The frame checks its own output with it before posting. */
export function parseEvent(data: unknown): EmbedEvent | null {
  const record = asRecord(data);
  if (!record) return null;
  const name = own(record, "event");
  return isKeyOf(eventParsers, name) ? eventParsers[name](record) : null;
}

function parseResultEnvelope(record: Fields): ResultEnvelope | null {
  const id = text(own(record, "id"), EMBED_LIMITS.id);
  if (id === INVALID) return null;
  const ok = own(record, "ok");
  if (ok === true) return { protocol: PROTOCOL, kind: "result", id, ok: true };
  const error = ok === false ? errorInfo(own(record, "error")) : INVALID;
  return error === INVALID ? null : { protocol: PROTOCOL, kind: "result", id, ok: false, error };
}

export function parseFrameMessage(data: unknown): FrameMessage | null {
  const result = envelopeOf(data, "result");
  if (result) return parseResultEnvelope(result);
  const eventRecord = envelopeOf(data, "event");
  const event = eventRecord && parseEvent(eventRecord);
  return event ? { protocol: PROTOCOL, kind: "event", ...event } : null;
}
