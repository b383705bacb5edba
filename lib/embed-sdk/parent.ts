/**
 * The embedding page's side: creates the Parley iframe and drives it over
 * postMessage. Framework-free and dependency-free because it ships to
 * third-party sites as a standalone bundle (see scripts/build-embed-sdk.ts).
 */
import {
  PROTOCOL,
  parseCommandEnvelope,
  parseFrameMessage,
  type CommandEnvelope,
  type EmbedCommand,
  type EmbedEvent,
  type EmbedEventMap,
  type EmbedEventName,
  type EmbedMeetingInfo,
  type ResultEnvelope,
} from "./protocol";

export type ParleyEmbedOptions = {
  /** The meeting's embed URL, e.g. "https://meet.example.com/embed/abc-defg-hij". */
  url: string;
  /** The iframe is appended here. */
  container: HTMLElement;
  /** Passed to the meeting as ?name=. */
  displayName?: string;
  /** Passed to the meeting as ?lang=. */
  lang?: "en" | "zh-CN";
  /** The iframe's title attribute (what screen readers announce). */
  title?: string;
  /** How long a command may take, from the call until the meeting answers. Default 15000. */
  commandTimeoutMs?: number;
  /** The page's window; only tests need to pass this. */
  window?: Window;
};

export type JoinOptions = { displayName?: string; audio?: boolean; video?: boolean };

export type EmbedEventHandler<K extends EmbedEventName> = (payload: EmbedEventMap[K]) => void;

/** Codes raised by the SDK itself; any other code comes from the meeting. */
export type ParleyEmbedLocalErrorCode = "timeout" | "destroyed" | "invalid_command" | "frame_unavailable";

export class ParleyEmbedError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "ParleyEmbedError";
    this.code = code;
  }
}

/** Permissions the meeting needs; without them the browser blocks media inside the iframe. */
export const IFRAME_ALLOW = "camera; microphone; display-capture; autoplay; fullscreen; clipboard-write";

const DEFAULT_TIMEOUT_MS = 15_000;

type PendingCommand = {
  envelope: CommandEnvelope;
  sent: boolean;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
};

type AnyHandler = (payload: EmbedEvent) => void;

/** `{url}?origin=…&name=…&lang=…`, keeping the url's own query and replacing any origin/name/lang it had. */
export function buildFrameUrl(url: URL, pageOrigin: string, displayName?: string, lang?: string): string {
  const src = new URL(url.href);
  src.searchParams.set("origin", pageOrigin);
  if (displayName !== undefined) src.searchParams.set("name", displayName);
  else src.searchParams.delete("name");
  if (lang !== undefined) src.searchParams.set("lang", lang);
  else src.searchParams.delete("lang");
  return src.href;
}

export class ParleyEmbed {
  readonly iframe: HTMLIFrameElement;
  /** Resolves with the meeting once the iframe says "ready"; rejects if destroyed first. */
  readonly ready: Promise<EmbedMeetingInfo>;

  private readonly win: Window;
  private readonly frameOrigin: string;
  private readonly timeoutMs: number;
  // Insertion-ordered, so queued commands go out in call order once the frame is ready.
  private readonly pending = new Map<string, PendingCommand>();
  private readonly handlers = new Map<EmbedEventName, Set<AnyHandler>>();
  private resolveReady!: (meeting: EmbedMeetingInfo) => void;
  private rejectReady!: (error: Error) => void;
  private isReady = false;
  private destroyed = false;
  private nextId = 0;

  constructor(options: ParleyEmbedOptions) {
    const win = options.window ?? globalThis.window;
    if (!win) throw new Error("ParleyEmbed needs a browser window.");
    this.win = win;

    const url = new URL(options.url, win.location.href);
    // Never let a javascript: or data: URL into the iframe's src.
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new TypeError("ParleyEmbed: url must be an http(s) URL.");
    }
    this.frameOrigin = url.origin;
    this.timeoutMs = options.commandTimeoutMs ?? DEFAULT_TIMEOUT_MS;

    this.ready = new Promise<EmbedMeetingInfo>((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    // A page that never awaits `ready` must not get an unhandled rejection on destroy().
    this.ready.catch(() => undefined);

    const iframe = win.document.createElement("iframe");
    iframe.src = buildFrameUrl(url, win.location.origin, options.displayName, options.lang);
    iframe.setAttribute("allow", IFRAME_ALLOW);
    iframe.title = options.title ?? "Parley meeting";
    iframe.style.width = "100%";
    iframe.style.height = "100%";
    iframe.style.border = "0";
    this.iframe = iframe;

    // Listen before the iframe starts loading so "ready" cannot be missed.
    win.addEventListener("message", this.onMessage);
    options.container.appendChild(iframe);
  }

  whenReady(): Promise<EmbedMeetingInfo> {
    return this.ready;
  }

  join(options: JoinOptions = {}): Promise<void> {
    return this.send({ command: "join", ...options });
  }

  leave(): Promise<void> {
    return this.send({ command: "leave" });
  }

  /** Omit `enabled` to toggle. */
  toggleMic(enabled?: boolean): Promise<void> {
    return this.send({ command: "toggleMic", enabled });
  }

  toggleCamera(enabled?: boolean): Promise<void> {
    return this.send({ command: "toggleCamera", enabled });
  }

  toggleScreenShare(enabled?: boolean): Promise<void> {
    return this.send({ command: "toggleScreenShare", enabled });
  }

  sendChat(text: string): Promise<void> {
    return this.send({ command: "sendChat", text });
  }

  setDisplayName(displayName: string): Promise<void> {
    return this.send({ command: "setDisplayName", displayName });
  }

  raiseHand(raised?: boolean): Promise<void> {
    return this.send({ command: "raiseHand", raised });
  }

  startCaptions(): Promise<void> {
    return this.send({ command: "startCaptions" });
  }

  stopCaptions(): Promise<void> {
    return this.send({ command: "stopCaptions" });
  }

  /** Returns a function that unsubscribes. */
  on<K extends EmbedEventName>(event: K, handler: EmbedEventHandler<K>): () => void {
    if (this.destroyed) return () => undefined;
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler as AnyHandler);
    return () => this.off(event, handler);
  }

  off<K extends EmbedEventName>(event: K, handler: EmbedEventHandler<K>): void {
    this.handlers.get(event)?.delete(handler as AnyHandler);
  }

  /** Removes the iframe and the listener; pending and queued commands reject with code "destroyed". */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.win.removeEventListener("message", this.onMessage);
    for (const id of [...this.pending.keys()]) {
      this.settle(id, new ParleyEmbedError("destroyed", "The embedded meeting was destroyed."));
    }
    this.rejectReady(new ParleyEmbedError("destroyed", "The embedded meeting was destroyed before it was ready."));
    this.handlers.clear();
    this.iframe.remove();
  }

  private send(command: EmbedCommand): Promise<void> {
    if (this.destroyed) {
      return Promise.reject(new ParleyEmbedError("destroyed", "The embedded meeting was destroyed."));
    }
    const id = `c${++this.nextId}`;
    // The frame silently drops malformed envelopes, which would surface as a
    // confusing timeout; validating here fails fast and strips stray fields.
    const envelope = parseCommandEnvelope({ ...command, protocol: PROTOCOL, kind: "command", id });
    if (!envelope) {
      return Promise.reject(new ParleyEmbedError("invalid_command", `Invalid arguments for ${command.command}.`));
    }
    return new Promise<void>((resolve, reject) => {
      // The clock starts at the call, not when the frame is ready, so a frame
      // that never loads (wrong URL, origin not allowed) still settles every call.
      const timer = setTimeout(() => {
        this.settle(id, new ParleyEmbedError("timeout", `The meeting did not answer ${command.command} in time.`));
      }, this.timeoutMs);
      this.pending.set(id, { envelope, sent: false, resolve, reject, timer });
      if (this.isReady) this.post(id);
    });
  }

  private post(id: string): void {
    const entry = this.pending.get(id);
    if (!entry || entry.sent) return;
    const target = this.iframe.contentWindow;
    if (!target) {
      this.settle(id, new ParleyEmbedError("frame_unavailable", "The meeting iframe is not attached to the page."));
      return;
    }
    entry.sent = true;
    // Exact target origin: if the iframe was navigated elsewhere the browser drops the message.
    target.postMessage(entry.envelope, this.frameOrigin);
  }

  private settle(id: string, error?: Error): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    if (error) entry.reject(error);
    else entry.resolve();
  }

  private readonly onMessage = (event: MessageEvent): void => {
    // Both checks: the origin proves who sent it, the source proves it is our
    // iframe and not another Parley frame (or popup) on the same origin.
    if (event.origin !== this.frameOrigin) return;
    const source = this.iframe.contentWindow;
    if (source === null || event.source !== source) return;
    const message = parseFrameMessage(event.data);
    if (!message) return;
    if (message.kind === "result") this.onResult(message);
    else this.onEvent(message);
  };

  private onResult(result: ResultEnvelope): void {
    if (!this.pending.get(result.id)?.sent) return;
    if (result.ok) this.settle(result.id);
    else this.settle(result.id, new ParleyEmbedError(result.error.code, result.error.message || result.error.code));
  }

  private onEvent(envelope: EmbedEvent & { protocol: string; kind: string }): void {
    const { protocol: _protocol, kind: _kind, ...event } = envelope;
    if (event.event === "ready") {
      this.isReady = true;
      this.resolveReady(event.meeting);
      for (const id of [...this.pending.keys()]) this.post(id);
    }
    this.dispatch(event as EmbedEvent);
  }

  private dispatch(event: EmbedEvent): void {
    const set = this.handlers.get(event.event);
    if (!set) return;
    // Copy first: a handler may unsubscribe itself (or others) while we iterate.
    for (const handler of [...set]) {
      try {
        handler(event);
      } catch (error) {
        // One broken handler must not starve the others or break the message loop.
        if (typeof reportError === "function") reportError(error);
        else console.error(error);
      }
    }
  }
}
