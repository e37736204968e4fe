/**
 * The tracing preload, run before the app's first module:
 *
 *   node --import ./dist/src/telemetry/instrument.js dist/src/main.js      (npm start)
 *   tsx --import ./src/telemetry/instrument.ts src/main.ts                 (npm run dev)
 *
 * Under ESM, main.ts's static imports load Fastify, pg and graphql before any of main's code runs,
 * so the instrumentations must be enabled, and the ESM loader hook registered, before main.ts is
 * loaded: hence a preload. With tracing not configured (tracing.ts) this does nothing and imports
 * nothing of OpenTelemetry.
 */
import { isMainThread } from 'node:worker_threads';
import { setTracingHandle, tracingEnabled } from './tracing.js';

// Worker threads inherit --import: one SDK per process, in the main thread.
if (isMainThread && tracingEnabled(process.env)) {
  const { startTracing } = await import('./sdk.js');
  const tracing = startTracing(process.env);
  // import-in-the-middle's loader (through @opentelemetry/instrumentation), the ESM counterpart of
  // require-in-the-middle, for the instrumented packages' ES modules (e.g. pg's `esm/index.mjs`).
  // Limited to those packages: intercepting every module would slow the start (measured: about a
  // second more here) and wrap each of the app's modules in a proxy for nothing. Their CommonJS files
  // (pg, graphql and pino are CommonJS) are patched by require-in-the-middle.
  const { register } = await import('node:module');
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, { data: { include: tracing.hookedModules } });
  setTracingHandle(tracing);
}
