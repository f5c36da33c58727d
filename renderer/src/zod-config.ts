/**
 * zod 4 probes `new Function('')` to decide whether it may compile fast parsers; under the
 * Content-Security-Policy (no 'unsafe-eval') that probe is a CSP violation. The renderer turns
 * the JIT off before any schema (models/schema.ts, reached through the engine) parses anything.
 * Imported first by main.tsx.
 */
import { config } from 'zod/v4/core';

config({ jitless: true });
