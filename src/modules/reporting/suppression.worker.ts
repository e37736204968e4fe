/**
 * Worker-thread entry of the suppression audit (suppression.run.ts starts it): the audit's linear
 * programs are synchronous WebAssembly, so a large public table blocks this thread, not the server.
 */
import { serveJobs } from '../../common/worker-thread.js';
import { suppress, type SuppressionReason, type TableCell } from './suppression.js';

export interface AuditRequest {
  id: number;
  cells: TableCell[];
  k: number;
  owners?: number;
}

serveJobs<AuditRequest, [number, SuppressionReason][]>(async (request) => [...(await suppress(request.cells, request.k, request.owners)).entries()]);
