import type { NeonConfig } from "@neondatabase/serverless";
import { connect, type Socket } from "node:net";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { onShutdown } from "./process";

/**
 * Lets `@neondatabase/serverless` (Pool/Client over WebSocket) reach a plain local Postgres, the
 * way Neon's own proxy does in production: each WebSocket carries one Postgres wire-protocol TCP
 * connection, byte for byte. The HTTP `neon()` query function is not supported.
 */

export type NeonProxy = { port: number; stop(): Promise<void> };

export type StartNeonProxyOptions = { port: number; pgHost?: string; pgPort: number };

type NeonSocketConfig = Pick<NeonConfig, "wsProxy" | "useSecureWebSocket" | "pipelineConnect" | "pipelineTLS">;

/**
 * What the app applies to `neonConfig` to go through this proxy. On Node 20 it must also set
 * `neonConfig.webSocketConstructor = ws` (there is no global WebSocket before Node 22).
 */
export function neonClientConfig(proxyPort: number): NeonSocketConfig {
  return {
    // The address is informational (the proxy always dials its configured Postgres) but keeps
    // the URL in the shape Neon's and the community wsproxy use.
    wsProxy: (host, port) => `127.0.0.1:${proxyPort}/v2?address=${host}:${port}`,
    useSecureWebSocket: false,
    // Pipelining assumes cleartext-password auth and TLS; the local cluster uses trust auth, no TLS.
    pipelineConnect: false,
    pipelineTLS: false,
  };
}

// Pause reading from Postgres while this much is queued towards a slow WebSocket client.
const HIGH_WATER_MARK = 1 << 20;

export function startNeonProxy(options: StartNeonProxyOptions): Promise<NeonProxy> {
  const { port, pgHost = "127.0.0.1", pgPort } = options;
  // CAUTION: this is an unauthenticated tunnel into Postgres (which trusts every local user), so
  // it listens on loopback only and ignores the client's requested address: it is not an open proxy.
  const server = new WebSocketServer({ host: "127.0.0.1", port });
  const sockets = new Set<Socket>();

  server.on("connection", (ws) => {
    const socket = connect({ host: pgHost, port: pgPort });
    sockets.add(socket);
    socket.setNoDelay(true);
    bridge(ws, socket);
    socket.once("close", () => sockets.delete(socket));
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.once("listening", () => {
      server.off("error", reject);
      server.on("error", (error) => console.error(`[neon-proxy] server error: ${error.message}`));
      let stopped: Promise<void> | undefined;
      const stop = () => {
        stopped ??= new Promise<void>((done, fail) => {
          unregister();
          for (const client of server.clients) client.terminate();
          for (const socket of sockets) socket.destroy();
          server.close((error) => (error ? fail(error) : done()));
        });
        return stopped;
      };
      const unregister = onShutdown("neon-proxy", stop);
      resolve({ port, stop });
    });
  });
}

function bridge(ws: WebSocket, socket: Socket) {
  ws.on("message", (data: RawData) => {
    const chunk = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (!socket.write(chunk)) {
      ws.pause();
      socket.once("drain", () => ws.resume());
    }
  });
  socket.on("data", (chunk) => {
    ws.send(chunk, { binary: true }, (error) => {
      if (error) return; // the WebSocket is closing; its 'close' handler tears the socket down
      if (socket.isPaused() && ws.bufferedAmount < HIGH_WATER_MARK) socket.resume();
    });
    if (ws.bufferedAmount >= HIGH_WATER_MARK) socket.pause();
  });

  // Either side ending ends the other: a client closing its Pool sends a WS close, Postgres
  // ending a session (or dying) closes the TCP socket.
  ws.on("close", () => socket.end());
  socket.on("close", (hadError) => {
    if (ws.readyState === ws.OPEN) {
      ws.close(hadError ? 1011 : 1000);
    }
  });
  ws.on("error", (error) => {
    console.error(`[neon-proxy] websocket error: ${error.message}`);
    socket.destroy();
  });
  socket.on("error", (error) => {
    console.error(`[neon-proxy] postgres connection error: ${error.message}`);
    // 'close' follows and closes the WebSocket with 1011.
  });
}
