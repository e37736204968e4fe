import type { Viewer } from '../context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking, set by the auth hook (onRequest) from the Authorization header; anonymous otherwise. */
    viewer: Viewer;
  }
}
export {};
