/**
 * Whether OpenTelemetry tracing is on, and stopping it. Nothing here imports OpenTelemetry: main.ts
 * imports this module on every start, and with tracing off the process loads none of it.
 *
 * Tracing is configured by the standard OpenTelemetry variables (docs/operations.md, "Tracing"): it
 * is on when OTEL_TRACES_EXPORTER names an exporter (otlp, console, zipkin) or an OTLP endpoint is
 * given (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), unless OTEL_SDK_DISABLED
 * is true or OTEL_TRACES_EXPORTER is `none`.
 */

/** What the preload leaves for the rest of the process (see instrument.ts). */
export interface TracingHandle {
  /** Ends the SDK: exports the spans still buffered, then stops the exporters. */
  shutdown(): Promise<void>;
}

const HANDLE = Symbol.for('ip-enterprise-api.tracing');
type WithHandle = typeof globalThis & { [HANDLE]?: TracingHandle };

export function tracingEnabled(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s && s !== 'null');
  if (exporters.includes('none')) return false;
  if (exporters.length > 0) return true;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/** Called once by the preload after the SDK has started. */
export function setTracingHandle(handle: TracingHandle): void {
  (globalThis as WithHandle)[HANDLE] = handle;
}

/** Whether the preload started tracing in this process. */
export function tracingActive(): boolean {
  return (globalThis as WithHandle)[HANDLE] !== undefined;
}

/**
 * Flushes and stops tracing, if it was started (a no-op otherwise). Waits at most `timeoutMs`: a
 * collector that does not answer must not hold up the process's exit.
 */
export async function shutdownTracing(timeoutMs = 5_000): Promise<void> {
  const target = globalThis as WithHandle;
  const handle = target[HANDLE];
  if (!handle) return;
  target[HANDLE] = undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
    timer.unref();
  });
  try {
    await Promise.race([handle.shutdown(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
