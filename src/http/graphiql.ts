import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * GraphiQL served entirely from local assets (the bureaus' networks are often closed to CDNs):
 * React 18 and GraphiQL 3 UMD builds straight from node_modules.
 */
const require = createRequire(import.meta.url);
const root = (pkg: string) => path.dirname(require.resolve(`${pkg}/package.json`));

export const GRAPHIQL_ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: path.join(root('react'), 'umd/react.production.min.js'), type: 'application/javascript; charset=utf-8' },
  'react-dom.js': { file: path.join(root('react-dom'), 'umd/react-dom.production.min.js'), type: 'application/javascript; charset=utf-8' },
  'graphiql.js': { file: path.join(root('graphiql'), 'graphiql.min.js'), type: 'application/javascript; charset=utf-8' },
  'graphiql.css': { file: path.join(root('graphiql'), 'graphiql.min.css'), type: 'text/css; charset=utf-8' },
};

const cache = new Map<string, Buffer>();
export function graphiqlAsset(name: string): { body: Buffer; type: string } | null {
  const asset = GRAPHIQL_ASSETS[name];
  if (!asset) return null;
  let body = cache.get(name);
  if (!body) {
    body = readFileSync(asset.file);
    cache.set(name, body);
  }
  return { body, type: asset.type };
}

const DEFAULT_QUERY = `# 国家知识产权示范企业和优势企业 GraphQL API
# 例：查询广东（含深圳）当前有效的示范企业
query DemonstrationEnterprises {
  enterprises(
    first: 10
    filter: {
      regionCodes: ["440000"]
      includeSubJurisdictions: true
      designation: { levels: [DEMONSTRATION], statuses: [ACTIVE] }
    }
  ) {
    totalCount
    edges {
      node {
        name
        creditCode
        region { name }
        industry { code name }
        currentDesignation { level batchYear validUntil }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

/** The page; `rehearsalDate`: the programme's date on a rehearsal clock, named in the title. */
export function graphiqlHtml(endpoint: string, assetBase: string, rehearsalDate?: string): string {
  const title = rehearsalDate ? `演练时钟 ${rehearsalDate} · GraphQL · 知识产权示范与优势企业 API` : 'GraphiQL · 知识产权示范与优势企业 API';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${assetBase}/graphiql.css">
<style>html,body,#graphiql{height:100%;margin:0}</style>
</head>
<body>
<div id="graphiql">加载中…</div>
<script src="${assetBase}/react.js"></script>
<script src="${assetBase}/react-dom.js"></script>
<script src="${assetBase}/graphiql.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(endpoint)} });
  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(DEFAULT_QUERY)}, defaultEditorToolsVisibility: true }));
</script>
</body>
</html>`;
}
