import path from "node:path";
import type { Browser, Page } from "@playwright/test";

/** What the token route answers, enough to connect. */
export type RoomGrant = { token: string; url: string };

const LIVEKIT_UMD = path.join(process.cwd(), "node_modules", "livekit-client", "dist", "livekit-client.umd.js");

/**
 * People in a LiveKit room without the meeting UI: plain livekit-client connections, many in one
 * page, so an API test can have a dozen participants "in the room" for the price of one tab. The
 * page is the app's health endpoint (a real loopback document: Chromium's local network access
 * checks let it reach the SFU on 127.0.0.1, and it is a secure context for the fake microphone)
 * with livekit-client added; CSP is bypassed for this test scaffolding only.
 */
export class RoomPresence {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, baseURL: string): Promise<RoomPresence> {
    const page = await (await browser.newContext({ permissions: ["microphone"], bypassCSP: true })).newPage();
    await page.goto(`${baseURL}/api/health`);
    await page.addScriptTag({ path: LIVEKIT_UMD });
    await page.waitForFunction(() => "LivekitClient" in window);
    return new RoomPresence(page);
  }

  /** Connects `label` with its token; `microphone` also publishes the fake microphone (something to mute). */
  async join(label: string, grant: RoomGrant, { microphone = false } = {}): Promise<void> {
    await this.page.evaluate(
      async ({ label, grant, microphone }) => {
        const lk = (window as unknown as { LivekitClient: typeof import("livekit-client") }).LivekitClient;
        const rooms = ((window as unknown as { rooms?: Record<string, InstanceType<typeof lk.Room>> }).rooms ??= {});
        const room = new lk.Room();
        await room.connect(grant.url, grant.token, { autoSubscribe: false });
        if (microphone) await room.localParticipant.setMicrophoneEnabled(true);
        rooms[label] = room;
      },
      { label, grant, microphone },
    );
  }

  /** "connected", "disconnected", … as livekit-client reports it for `label`'s connection. */
  state(label: string): Promise<string> {
    return this.page.evaluate((label) => {
      const rooms = (window as unknown as { rooms: Record<string, { state: string }> }).rooms;
      return rooms[label].state;
    }, label);
  }

  /** What `label`'s connection sees of another participant: attributes and whether their microphone is muted. */
  remote(label: string, identity: string): Promise<{ attributes: Record<string, string>; micMuted: boolean | null } | null> {
    return this.page.evaluate(
      ({ label, identity }) => {
        type Pub = { source: string; isMuted: boolean };
        type Remote = { attributes: Record<string, string>; trackPublications: Map<string, Pub> };
        const rooms = (window as unknown as { rooms: Record<string, { remoteParticipants: Map<string, Remote> }> }).rooms;
        const p = rooms[label].remoteParticipants.get(identity);
        if (!p) return null;
        const mic = [...p.trackPublications.values()].find((t) => t.source === "microphone");
        return { attributes: { ...p.attributes }, micMuted: mic ? mic.isMuted : null };
      },
      { label, identity },
    );
  }

  /** The rights LiveKit currently gives `label`'s own participant. */
  permissions(label: string): Promise<{ canPublish: boolean; canPublishData: boolean } | null> {
    return this.page.evaluate((label) => {
      type Perm = { canPublish: boolean; canPublishData: boolean };
      const rooms = (window as unknown as { rooms: Record<string, { localParticipant: { permissions?: Perm } }> }).rooms;
      const perm = rooms[label].localParticipant.permissions;
      return perm ? { canPublish: perm.canPublish, canPublishData: perm.canPublishData } : null;
    }, label);
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}
