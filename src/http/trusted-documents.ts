import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { AppConfig } from '../config.js';

/** The allow-list of operations an anonymous viewer may run when TRUSTED_DOCUMENTS=anonymous. */
export const TRUSTED_DOCUMENTS_FILE = path.resolve('trusted-documents/public-portal.json');

/** The trusted documents: sha256 (hex, of the exact query text) → query text. */
export function loadTrustedDocuments(file = TRUSTED_DOCUMENTS_FILE): Map<string, string> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const documents = new Map<string, string>();
  for (const [hash, text] of Object.entries(parsed)) {
    const actual = createHash('sha256').update(text).digest('hex');
    if (actual !== hash) throw new Error(`${file}: the hash of a document is ${actual}, listed as ${hash}; run \`npx tsx scripts/trusted-documents.ts\``);
    documents.set(hash, text);
  }
  return documents;
}

interface ViewerContext {
  viewer?: { kind: string };
}

/**
 * Trusted documents. A hash-only request (automatic persisted query) for a listed document works
 * without a prior registration; with TRUSTED_DOCUMENTS=anonymous, an anonymous viewer may run only
 * the listed documents (400 PERSISTED_QUERY_NOT_ALLOWED), signed-in users anything.
 */
export function trustedDocumentsPlugin(config: Pick<AppConfig, 'trustedDocuments'>): ApolloServerPlugin<ViewerContext> {
  const trustedMode = config.trustedDocuments === 'anonymous';
  const trusted = trustedMode || existsSync(TRUSTED_DOCUMENTS_FILE) ? loadTrustedDocuments() : new Map<string, string>();
  return {
    async requestDidStart(requestContext: GraphQLRequestContext<ViewerContext>) {
      // Fill in the text of a listed hash: Apollo checks it against the hash and caches it.
      const { request } = requestContext;
      const persisted = request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
      if (request.query === undefined && typeof persisted?.sha256Hash === 'string') {
        const text = trusted.get(persisted.sha256Hash);
        if (text !== undefined) request.query = text;
      }
      const refused = (queryHash: string | undefined) =>
        trustedMode && requestContext.contextValue.viewer?.kind !== 'USER' && !(queryHash !== undefined && trusted.has(queryHash));
      return {
        async didResolveOperation(ctx) {
          // Runs after parsing and validation (so after the operation limits), before execution and
          // before an APQ registration is stored. A thrown error is answered with its http status.
          // (Earlier hooks cannot refuse: an error thrown there is a 500. So an invalid unlisted
          // query still gets its validation errors, without "did you mean" suggestions.)
          if (!refused(ctx.queryHash)) return;
          throw new GraphQLError('未登录用户只能执行公开门户登记的查询（trusted documents）；请登录后再试，或使用公开门户提供的查询。', {
            extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED', http: { status: 400 } },
          });
        },
      };
    },
  };
}
