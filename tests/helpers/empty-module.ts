// Stands in for the "server-only" package outside Next.js (tests and scripts run
// server code in Node, where that guard would otherwise throw on import).
export {};
