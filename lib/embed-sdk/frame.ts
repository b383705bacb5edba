/**
 * The iframe's side of the embed protocol: receives commands from the
 * embedding page and reports events back. Framework-free so the React app
 * can wire it in however it likes; it only ever talks to one parent origin.
 */
import { normaliseOrigin } from "./origin";
import {
  EMBED_LIMITS,
  PROTOCOL,
  parseCommand,
  parseCommandEnvelope,
  parseEvent,
  readCommandId,
  type EmbedCommand,
  type EmbedErrorInfo,
  type EmbedEvent,
  type FrameMessage,
} from "./protocol";

export { isAllowedOrigin, normaliseOrigin } from "./origin";

export type EmbedFrameBridgeOptions = {
  /** The embedding page's origin, already checked by the app against its allow-list. */
  parentOrigin: string;
  /** The iframe's own window; its `.parent` is the embedding page. */
  window: Window;
  /** Throw (or reject with) an Error, optionally with a string `.code`, to answer ok:false. */
  onCommand: (command: EmbedCommand) => Promise<void> | void;
};

export type EmbedFrameBridge = {
  emit(event: EmbedEvent): void;
  dispose(): void;
};

const noopBridge: EmbedFrameBridge = { emit: () => undefined, dispose: () => undefined };

// What the parent sees when a command fails; capped so the result still passes its validator.
function toErrorInfo(error: unknown): EmbedErrorInfo {
  const raw = typeof error === "object" && error !== null ? (error as { code?: unknown; message?: unknown }) : {};
  const code =
    typeof raw.code === "string" && raw.code.trim() !== "" && raw.code.length <= EMBED_LIMITS.errorCode ? raw.code : "command_failed";
  const message = typeof raw.message === "string" && raw.message !== "" ? raw.message : "The command failed.";
  return { code, message: message.slice(0, EMBED_LIMITS.errorMessage) };
}

export function createEmbedFrameBridge(options: EmbedFrameBridgeOptions): EmbedFrameBridge {
  const parentOrigin = normaliseOrigin(options.parentOrigin);
  // Guard here too: a "*" or "null" target origin would hand meeting events to whoever framed us.
  if (parentOrigin === null) throw new TypeError(`Not a valid embedding origin: ${options.parentOrigin}`);

  const win = options.window;
  const parent = win.parent;
  // Opened directly rather than framed: there is nobody to talk to.
  if (!parent || parent === win) return noopBridge;

  let disposed = false;
  // Commands run one at a time in arrival order, so `join()` followed at once by
  // `toggleMic(false)` does not race; each result is posted when its command ends.
  let queue: Promise<void> = Promise.resolve();

  const post = (message: FrameMessage) => {
    if (!disposed) parent.postMessage(message, parentOrigin);
  };

  const run = async (id: string, command: EmbedCommand) => {
    if (disposed) return;
    try {
      await options.onCommand(command);
      post({ protocol: PROTOCOL, kind: "result", id, ok: true });
    } catch (error) {
      post({ protocol: PROTOCOL, kind: "result", id, ok: false, error: toErrorInfo(error) });
    }
  };

  const onMessage = (event: MessageEvent) => {
    // Origin says which site sent it; source says it is really our parent and
    // not another window (a popup, a sibling frame) on that same site.
    if (event.origin !== parentOrigin || event.source !== parent) return;
    const envelope = parseCommandEnvelope(event.data);
    const command = envelope && parseCommand(envelope);
    if (!envelope || !command) {
      // From our real parent but malformed or from a newer SDK: answer rather
      // than leave the caller waiting for a timeout. No id, no answer.
      const id = readCommandId(event.data);
      if (id !== null) {
        post({ protocol: PROTOCOL, kind: "result", id, ok: false, error: { code: "invalid_command", message: "Unknown or malformed command." } });
      }
      return;
    }
    queue = queue.then(() => run(envelope.id, command));
  };

  win.addEventListener("message", onMessage);

  return {
    emit(event) {
      // Checked on the way out as well: the parent would silently drop an
      // invalid event, so say so here where the bug is.
      const valid = parseEvent(event);
      if (!valid) {
        console.warn(`[parley-embed] dropped an invalid "${String((event as { event?: unknown }).event)}" event`);
        return;
      }
      post({ protocol: PROTOCOL, kind: "event", ...valid });
    },
    dispose() {
      disposed = true;
      win.removeEventListener("message", onMessage);
    },
  };
}
