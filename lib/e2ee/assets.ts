/** Where the page loads livekit-client's E2EE worker from (copied there by scripts/copy-browser-assets.ts). */
export const LIVEKIT_E2EE_WORKER_PATH = "/livekit/livekit-client.e2ee.worker.js";
