import { createServer, type Server } from "node:http";

/**
 * A stand-in for a customer's website on another origin: one page that loads the embed SDK from
 * the Parley server (as the README's example does) and records every event it receives. Tests
 * drive it with page.evaluate; `/evil.html` is an empty page for a third origin that tries to
 * forge messages.
 */
export function demoPage(appUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Partner site</title>
<style>body{margin:0;font-family:sans-serif} #meeting{width:100vw;height:90vh}</style></head>
<body>
<h1>Partner site</h1>
<div id="meeting"></div>
<script src="${appUrl}/sdk/parley-embed.js"></script>
<script>
  window.events = [];
  window.startEmbed = function (url, options) {
    window.parley = new Parley.ParleyEmbed(Object.assign({ url: url, container: document.getElementById("meeting"), commandTimeoutMs: 60000 }, options || {}));
    ["ready","joined","left","participantJoined","participantLeft","micChanged","cameraChanged","screenShareChanged","handChanged","captionsChanged","chatReceived","error"].forEach(function (name) {
      window.parley.on(name, function (event) { window.events.push(event); });
    });
  };
  window.run = function (method, args) {
    return window.parley[method].apply(window.parley, args || []).then(
      function () { return { ok: true }; },
      function (error) { return { ok: false, code: error.code, message: error.message }; });
  };
</script>
</body>
</html>`;
}

export async function startDemoSite({ port, appUrl }: { port: number; appUrl: string }): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    if (path === "/" || path === "/demo.html") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return response.end(demoPage(appUrl));
    }
    if (path === "/evil.html") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return response.end("<!doctype html><title>Another site</title><p>Another site</p>");
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
