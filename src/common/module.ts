import type { Context } from '../context.js';

/** Fetches objects of one GraphQL type by the keys encoded in global ids (for node/nodes). */
export type NodeFetcher = (ctx: Context, keys: string[]) => Promise<Map<string, object>>;

/** What a feature module contributes to the application. */
export interface AppModule {
  name: string;
  resolvers: Function[];
  /** GraphQL type name → fetcher, for the types that implement Node. */
  nodes: Record<string, NodeFetcher>;
}
