import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from './config.js';
import type { ReferenceData } from './common/reference-data.js';
import { createLoaders, type Loaders } from './loaders.js';

/** Who is asking. Accounts and roles come with the access-control issue; until then everyone is the public viewer. */
export interface Viewer {
  kind: 'ANONYMOUS';
}

export const ANONYMOUS: Viewer = { kind: 'ANONYMOUS' };

/** Per-request context: one identity map, one set of loaders, the viewer. */
export interface Context {
  em: EntityManager;
  viewer: Viewer;
  loaders: Loaders;
  requestId: string;
  clientAddress: string | null;
  reference: ReferenceData;
  config: AppConfig;
}

export interface ContextDeps {
  em: EntityManager;
  reference: ReferenceData;
  config: AppConfig;
}

export function createContext(deps: ContextDeps, request: { requestId?: string; clientAddress?: string | null; viewer?: Viewer } = {}): Context {
  const em = deps.em.fork();
  return {
    em,
    viewer: request.viewer ?? ANONYMOUS,
    loaders: createLoaders(em),
    requestId: request.requestId ?? randomUUID(),
    clientAddress: request.clientAddress ?? null,
    reference: deps.reference,
    config: deps.config,
  };
}
