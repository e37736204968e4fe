import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from './config.js';
import type { ReferenceData } from './common/reference-data.js';
import { createLoaders, type Loaders } from './loaders.js';

export type Role = 'NATIONAL_ADMIN' | 'PROVINCIAL_ADMIN' | 'ENTERPRISE_USER' | 'SERVICE_PROVIDER' | 'EXPERT';

/** A signed-in user, as the access token says; the scope fields depend on the role. */
export interface UserViewer {
  kind: 'USER';
  userId: string;
  username: string;
  role: Role;
  sessionId: string;
  /** PROVINCIAL_ADMIN: the jurisdiction's region code. */
  regionCode?: string | null;
  /** ENTERPRISE_USER: the enterprise. */
  enterpriseId?: string | null;
  /** SERVICE_PROVIDER: the service organisation. */
  organizationId?: string | null;
  /** EXPERT: the person record. */
  personId?: string | null;
}

/** Who is asking: a signed-in user, or the anonymous public viewer. */
export type Viewer = { kind: 'ANONYMOUS' } | UserViewer;

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
