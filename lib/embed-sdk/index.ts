/**
 * Public API of the Parley embed SDK, as bundled into public/sdk/ for
 * third-party pages (`new Parley.ParleyEmbed({...})`). The iframe side
 * (./frame) is deliberately not exported: embedding pages never need it.
 */
export { ParleyEmbed, ParleyEmbedError, IFRAME_ALLOW } from "./parent";
export type { EmbedEventHandler, JoinOptions, ParleyEmbedLocalErrorCode, ParleyEmbedOptions } from "./parent";
export { PROTOCOL, EMBED_LIMITS, parseCommandEnvelope, parseFrameMessage } from "./protocol";
export type {
  CommandEnvelope,
  EmbedChatMessage,
  EmbedCommand,
  EmbedCommandName,
  EmbedErrorInfo,
  EmbedEvent,
  EmbedEventMap,
  EmbedEventName,
  EmbedMeetingInfo,
  EmbedParticipant,
  EventEnvelope,
  FrameMessage,
  ResultEnvelope,
} from "./protocol";
