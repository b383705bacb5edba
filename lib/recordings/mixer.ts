/**
 * Mixes every voice in the meeting (and shared-screen audio) into the one audio track the
 * recording carries, with Web Audio. Tracks come and go as people join, mute and leave.
 */
export class AudioMixer {
  private readonly context = new AudioContext({ latencyHint: "playback" });
  private readonly destination = this.context.createMediaStreamDestination();
  private readonly sources = new Map<MediaStreamTrack, MediaStreamAudioSourceNode>();

  get track(): MediaStreamTrack {
    return this.destination.stream.getAudioTracks()[0];
  }

  async start(): Promise<void> {
    // Started from the click on "Record", so the browser lets it run.
    if (this.context.state !== "running") await this.context.resume();
  }

  setTracks(tracks: MediaStreamTrack[]): void {
    const wanted = new Set(tracks.filter((t) => t.readyState === "live"));
    for (const [track, node] of this.sources) {
      if (!wanted.has(track)) {
        node.disconnect();
        this.sources.delete(track);
      }
    }
    for (const track of wanted) {
      if (this.sources.has(track)) continue;
      const node = this.context.createMediaStreamSource(new MediaStream([track]));
      node.connect(this.destination);
      this.sources.set(track, node);
    }
  }

  async stop(): Promise<void> {
    for (const node of this.sources.values()) node.disconnect();
    this.sources.clear();
    await this.context.close().catch(() => undefined);
  }
}
