import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context, Viewer } from '../context.js';
import type { Clock } from './clock.js';
import type { Policy } from './policy.js';
import type { ReportingContribution } from './reporting.js';

/** Fetches objects of one GraphQL type by the keys encoded in global ids (for node/nodes). */
export type NodeFetcher = (ctx: Context, keys: string[]) => Promise<Map<string, object>>;

/** What a module's loaders are built from: one request's EntityManager, viewer and clock. */
export interface LoaderContext {
  em: EntityManager;
  viewer: Viewer;
  clock: Clock;
}

/**
 * What a feature module contributes to the application. Everything shared is derived from the
 * list of modules (src/modules/index.ts): the ORM's entities (src/entities.ts), the per-request
 * loaders under the module's name (`ctx.loaders.<name>.…`, src/loaders.ts), the node fetchers of
 * `node`/`nodes`, `me.permissions` and the permission matrix (the policies), the statistics registry. Adding a module is
 * one folder and one line in src/modules/index.ts.
 */
export interface AppModule<Name extends string = string, L extends object = object> {
  name: Name;
  /** The module's entities (every one: the ORM's list is made of these). */
  entities: readonly Function[];
  /** A fresh set of DataLoaders for one request, reached as `ctx.loaders.<name>`. */
  createLoaders?: (ctx: LoaderContext) => L;
  resolvers: readonly Function[];
  /** GraphQL type name → fetcher, for the types that implement Node. */
  nodes: Record<string, NodeFetcher>;
  /** Who may see and do what (src/common/policy.ts). */
  policy: Policy;
  /** What `statistics` may count of this module's rows: facts, measures, dimensions (src/common/reporting.ts). */
  reporting?: ReportingContribution;
}

/**
 * The loaders of every module by module name, the type of `ctx.loaders`. Each module with loaders
 * adds its entry from its own folder (declaration merging), next to its factory:
 *
 * ```ts
 * declare module '../../common/module.js' {
 *   interface ModuleLoaders { training: ReturnType<typeof createTrainingLoaders> }
 * }
 * ```
 * (Declared rather than inferred from the module list: the modules' resolvers use `ctx.loaders`,
 * and inferring it from them would be circular.)
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ModuleLoaders {}

type LoadersOf<Name extends string> = Name extends keyof ModuleLoaders ? ModuleLoaders[Name] : Record<never, never>;

/** Declares a module; its `createLoaders` must return what it declared in ModuleLoaders under its name. */
export function defineModule<const Name extends string>(module: AppModule<Name, LoadersOf<Name>>): AppModule<Name, LoadersOf<Name>> {
  return module;
}
