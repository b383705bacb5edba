/**
 * Just enough of a browser for the embed SDK in Node: a page window, an iframe
 * element whose contentWindow is a second window, and postMessage that behaves
 * like the real one where it matters for security: the browser (not the sender)
 * fills in event.origin and event.source, a message whose targetOrigin does not
 * match the recipient is dropped, data is structured-cloned, delivery is async.
 */

/** Node's MessageEvent insists that `source` is a MessagePort, so fake the event too. */
export class FakeMessageEvent extends Event {
  constructor(
    readonly data: unknown,
    readonly origin: string,
    readonly source: FakeWindow | null,
  ) {
    super("message");
  }
}

export type PostedMessage = { message: unknown; targetOrigin: string };

export class FakeWindow extends EventTarget {
  readonly location: { origin: string; href: string };
  /** Every postMessage call made *to* this window, delivered or not. */
  readonly posted: PostedMessage[] = [];
  parent: FakeWindow = this;
  /** The window that postMessage calls into this one come from (a frame's parent, or a page's iframe). */
  sender: FakeWindow | null = null;
  readonly document: { createElement(tag: string): FakeIframe };
  /** How many "message" listeners are attached, to check that dispose/destroy clean up. */
  listenerCount = 0;

  constructor(origin: string, createFrameWindow?: (iframe: FakeIframe) => FakeWindow) {
    super();
    this.location = { origin, href: `${origin}/host-page` };
    this.document = {
      createElement: (tag) => {
        if (tag !== "iframe" || !createFrameWindow) throw new Error(`FakeWindow cannot create <${tag}>`);
        return new FakeIframe(createFrameWindow);
      },
    };
  }

  postMessage(message: unknown, targetOrigin: string): void {
    this.posted.push({ message, targetOrigin });
    if (targetOrigin !== "*" && targetOrigin !== this.location.origin) return;
    const source = this.sender;
    const data = structuredClone(message);
    void Promise.resolve().then(() => this.receive(data, { origin: source?.location.origin ?? "null", source }));
  }

  /** Dispatches a message as if the browser delivered it, with whatever origin/source a test wants to forge. */
  receive(data: unknown, from: { origin: string; source: FakeWindow | null }): void {
    this.dispatchEvent(new FakeMessageEvent(data, from.origin, from.source));
  }

  override addEventListener(...args: Parameters<EventTarget["addEventListener"]>): void {
    if (args[0] === "message") this.listenerCount++;
    super.addEventListener(...args);
  }

  override removeEventListener(...args: Parameters<EventTarget["removeEventListener"]>): void {
    if (args[0] === "message") this.listenerCount--;
    super.removeEventListener(...args);
  }
}

export class FakeIframe {
  src = "";
  title = "";
  readonly style: Record<string, string> = {};
  readonly attributes = new Map<string, string>();
  parentNode: FakeContainer | null = null;
  private frameWindow: FakeWindow | null = null;

  constructor(private readonly createFrameWindow: (iframe: FakeIframe) => FakeWindow) {}

  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }

  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }

  /** Like a real iframe: a window exists only while the element is in the document. */
  get contentWindow(): FakeWindow | null {
    return this.frameWindow;
  }

  attach(container: FakeContainer): void {
    this.parentNode = container;
    this.frameWindow = this.createFrameWindow(this);
  }

  remove(): void {
    this.parentNode?.children.splice(this.parentNode.children.indexOf(this), 1);
    this.parentNode = null;
    this.frameWindow = null;
  }
}

export class FakeContainer {
  readonly children: FakeIframe[] = [];

  appendChild(node: FakeIframe): FakeIframe {
    this.children.push(node);
    node.attach(this);
    return node;
  }
}

/**
 * A page on `pageOrigin` whose iframes load `frameOrigin`. `frame` is the most
 * recently attached iframe's window, wired so page ⇄ frame messages carry the
 * right origin and source.
 */
export function createFakePage(pageOrigin: string, frameOrigin: string) {
  const state: { frame: FakeWindow | null } = { frame: null };
  const page = new FakeWindow(pageOrigin, () => {
    const frame = new FakeWindow(frameOrigin);
    frame.parent = page;
    frame.sender = page;
    page.sender = frame;
    state.frame = frame;
    return frame;
  });
  const container = new FakeContainer();
  return {
    page,
    container,
    get frame(): FakeWindow {
      if (!state.frame) throw new Error("no iframe has been attached yet");
      return state.frame;
    },
    /** The typed views the SDK expects; the fakes implement only what it uses. */
    asWindow: (w: FakeWindow) => w as unknown as Window,
    asElement: () => container as unknown as HTMLElement,
  };
}

/** Lets queued promise callbacks (message delivery, command results) run. */
export async function flush(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}
