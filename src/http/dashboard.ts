/**
 * GET /dashboard: the statistics dashboard (docs/reporting.md, "Dashboard"), a static page with its
 * own script and ECharts from the npm package, all served from here (no CDN), under a CSP that
 * allows only this server's scripts. The page reads public figures through /graphql like any client.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { htmlPageCsp } from './headers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The page's files: next to this module when they are there, else src/http/dashboard of the checkout the server runs from (tsc does not copy them). */
const dir = [path.join(here, 'dashboard'), path.resolve('src/http/dashboard')].find((d) => {
  try {
    readFileSync(path.join(d, 'index.html'));
    return true;
  } catch {
    return false;
  }
})!;
const ASSETS: Record<string, { file: string; type: string }> = {
  'dashboard.js': { file: path.join(dir, 'dashboard.js'), type: 'text/javascript; charset=utf-8' },
  'dashboard.css': { file: path.join(dir, 'dashboard.css'), type: 'text/css; charset=utf-8' },
  'echarts.min.js': { file: createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'), type: 'text/javascript; charset=utf-8' },
};
const cache = new Map<string, Buffer>();
const read = (file: string) => {
  let body = cache.get(file);
  if (!body) cache.set(file, (body = readFileSync(file)));
  return body;
};

export function registerDashboardRoutes(fastify: FastifyInstance): void {
  fastify.get('/dashboard', async (_request, reply) => {
    const html = read(path.join(dir, 'index.html')).toString('utf8');
    return reply.type('text/html; charset=utf-8').header('content-security-policy', htmlPageCsp(html)).header('cache-control', 'no-cache').send(html);
  });
  fastify.get<{ Params: { file: string } }>('/dashboard/assets/:file', async (request, reply) => {
    const asset = ASSETS[request.params.file];
    if (!asset) return reply.code(404).send({ error: 'not found' });
    return reply.type(asset.type).header('cache-control', 'public, max-age=3600').send(read(asset.file));
  });
}
