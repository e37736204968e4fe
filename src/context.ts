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

/**
 * A request's context. Its EntityManager fork and its loaders are made when first used: an
 * operation that reads no data (`{ __typename }`, an answer from the response cache's neighbours,
 * a refusal before any resolver) pays for neither. Plain properties and prototype getters, so that
 * Apollo's shallow copy of the context (Object.assign onto the same prototype) keeps working.
 */
class RequestContext implements Context {
  private forked: EntityManager | undefined = undefined;
  private made: Loaders | undefined = undefined;

  constructor(
    private readonly rootEm: EntityManager,
    readonly viewer: Viewer,
    readonly clock: Clock,
    readonly requestId: string,
    readonly clientAddress: string | null,
    readonly userAgent: string | null,
    readonly reference: ReferenceData,
    readonly config: AppConfig,
    readonly throttle: ThrottleStore,
    readonly sessions: SessionCache,
    readonly responseCacheNote: CacheNote | undefined,
  ) {}

  // useContext: inside transaction() every query of ctx.em goes through that transaction's
  // connection (src/common/transaction.ts), so no helper handed the context can take a second one.
  get em(): EntityManager {
    return (this.forked ??= this.rootEm.fork({ useContext: true }));
  }

  get loaders(): Loaders {
    return (this.made ??= createLoaders(this));
  }

  /** A fresh set after each mutation field (src/schema.ts). */
  set loaders(value: Loaders) {
    this.made = value;
  }
}

export function createContext(
  deps: ContextDeps,
  request: { requestId?: string; clientAddress?: string | null; userAgent?: string | null; viewer?: Viewer; responseCacheNote?: CacheNote } = {},
): Context {
  return new RequestContext(
    deps.em,
    request.viewer ?? ANONYMOUS,
    requestClock(deps.clock ?? systemClock),
    request.requestId ?? randomUUID(),
    request.clientAddress ?? null,
    request.userAgent ?? null,
    deps.reference,
    deps.config,
    deps.throttle ?? processThrottle,
    deps.sessions ?? noSessionCache,
    request.responseCacheNote,
  );
}
