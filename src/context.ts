import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from './config.js';
import type { ReferenceData } from './common/reference-data.js';
import { createLoaders, type Loaders } from './loaders.js';
import { MemoryThrottleStore, type ThrottleStore } from './modules/account/throttle.js';
import { SessionCache } from './modules/account/session-cache.js';
import { requestClock, systemClock, type Clock } from './common/clock.js';
import type { CacheNote } from './http/response-cache.js';

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
  userAgent: string | null;
  reference: ReferenceData;
  config: AppConfig;
  /** Login-failure counters (Redis when configured). */
  throttle: ThrottleStore;
  /** The programme's clock (injectable; tests pin it). */
  clock: Clock;
  /** Sessions found valid recently (src/modules/account/session-cache.ts); revocations tell it. */
  sessions: SessionCache;
  /** Set when the answer may go to the public response cache (src/http/response-cache.ts). */
  responseCacheNote?: CacheNote;
}

export interface ContextDeps {
  em: EntityManager;
  reference: ReferenceData;
  config: AppConfig;
  throttle?: ThrottleStore;
  clock?: Clock;
  sessions?: SessionCache;
}

const processThrottle = new MemoryThrottleStore();
/** For contexts made without an app (scripts, some tests): remembers nothing. */
const noSessionCache = new SessionCache(0);

export function createContext(
  deps: ContextDeps,
  request: { requestId?: string; clientAddress?: string | null; userAgent?: string | null; viewer?: Viewer; responseCacheNote?: CacheNote } = {},
): Context {
  // useContext: inside transaction() every query of ctx.em goes through that transaction's
  // connection (src/common/transaction.ts), so no helper handed the context can take a second one.
  const em = deps.em.fork({ useContext: true });
  const viewer = request.viewer ?? ANONYMOUS;
  const clock = requestClock(deps.clock ?? systemClock);
  return {
    em,
    viewer,
    loaders: createLoaders({ em, viewer, clock }),
    requestId: request.requestId ?? randomUUID(),
    clientAddress: request.clientAddress ?? null,
    userAgent: request.userAgent ?? null,
    reference: deps.reference,
    config: deps.config,
    throttle: deps.throttle ?? processThrottle,
    clock,
    sessions: deps.sessions ?? noSessionCache,
    responseCacheNote: request.responseCacheNote,
  };
}
