import { z } from "zod";

// Our CSP forbids eval (no 'unsafe-eval'). zod 4 probes `Function("")` the first time it
// parses to decide whether to compile fast paths; under CSP that probe is a reported
// violation. jitless skips the probe and the eval, at a small cost in parse speed.
z.config({ jitless: true });
