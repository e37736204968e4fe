// The parts of autocannon (no published types) that the benchmarks use.
declare module 'autocannon' {
  interface Histogram {
    average: number;
    total: number;
    p50: number;
    p99: number;
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    non2xx: number;
    errors: number;
    timeouts: number;
  }
  /** One entry of `requests`: a fixed request, or one built by setupRequest each time. */
  export interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    /** Returns the request to send (a falsy value restarts the list); `context` is per connection. */
    setupRequest?: (request: { method?: string; path?: string; headers?: Record<string, string>; body?: string }, context: Record<string, unknown>) => object;
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
  }
  interface Options {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: Request[];
    connections?: number;
    duration?: number;
    /** Milliseconds before a request without an answer counts as a timeout (default 10 s). */
    timeout?: number;
  }
  export default function autocannon(options: Options): Promise<Result>;
}
