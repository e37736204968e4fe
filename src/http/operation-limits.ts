import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorConfig } from '@escape.tech/graphql-armor-types';
import { GraphQLError, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';
import type { AppConfig } from '../config.js';

type LimitsConfig = Pick<AppConfig, 'maxDepth' | 'maxAliases' | 'maxDirectives' | 'maxCost' | 'maxTokens'>;

function limitRejection(message: string, limit: string, max: number) {
  // propagateOnRejection: false keeps armor from adding its English error; we report ours instead.
  // Apollo turns it into GRAPHQL_VALIDATION_FAILED with HTTP 400 and keeps `limit` and `max`.
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null) => {
        context?.reportError(new GraphQLError(message, { extensions: { limit, max } }));
      },
    ],
  };
}

/**
 * Armor's rules walk fragment spreads recursively: a chain of some 3,000 fragments overflows the
 * stack (only possible when GRAPHQL_MAX_TOKENS is raised far above its default). A stack overflow
 * inside validation would be an HTTP 500; this turns it into the rule's validation error (400).
 */
function guardRecursion(rule: ValidationRule, message: string, limit: string, max: number, reported: WeakSet<object>): ValidationRule {
  return (context) => {
    const visitor = rule(context) as unknown as { OperationDefinition?: { enter?: (...args: unknown[]) => unknown } };
    const enter = visitor.OperationDefinition?.enter;
    if (!enter) return visitor as ReturnType<ValidationRule>;
    return {
      OperationDefinition: {
        enter(...args: unknown[]) {
          try {
            return enter.apply(visitor, args);
          } catch (error) {
            if (!(error instanceof RangeError)) throw error;
            // Reported once per request, not once per armor rule.
            if (!reported.has(context)) context.reportError(new GraphQLError(message, { extensions: { limit, max } }));
            reported.add(context);
            return undefined;
          }
        },
      },
    } as ReturnType<ValidationRule>;
  };
}

const APOLLO_REQUEST_MESSAGES: Record<string, string> = {
  'provided sha does not match query': '持久化查询的 sha256 与查询文本不符（provided sha does not match query）。',
  'Unsupported persisted query version': '不支持的持久化查询版本（Unsupported persisted query version）。',
};

const TOKEN_LIMIT = /^Syntax Error: Document contains more (?:than|that) (\d+) tokens/;

/**
 * Request errors told in our words: the token limit's message in Chinese, and the few request errors
 * Apollo raises with an HTTP status but no code (APQ hash mismatch, unknown APQ version), which
 * uncoded would be masked and logged as internal errors, coded BAD_REQUEST.
 */
const requestErrorsPlugin: ApolloServerPlugin<object> = {
  async requestDidStart() {
    return {
      async didEncounterErrors(ctx) {
        for (const error of ctx.errors) {
          const match = TOKEN_LIMIT.exec(error.message);
          if (match) error.message = `查询过长：一个文档最多 ${match[1]} 个词法单元（token）。`;
          const extensions = error.extensions as Record<string, unknown>;
          const status = (extensions.http as { status?: number } | undefined)?.status;
          if (extensions.code === undefined && status !== undefined && status >= 400 && status < 500) {
            extensions.code = 'BAD_REQUEST';
            error.message = APOLLO_REQUEST_MESSAGES[error.message] ?? error.message;
          }
        }
      },
    };
  },
};

/**
 * Operation limits, each refused with HTTP 400 before execution: depth, aliases, directives and
 * cost by graphql-armor's validation rules (GRAPHQL_VALIDATION_FAILED with `extensions.limit`),
 * tokens by graphql-js while parsing (GRAPHQL_PARSE_FAILED; `parseOptions` go into the ApolloServer
 * config).
 */
export function operationLimits(config: LimitsConfig): {
  plugins: ApolloServerPlugin<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any -- any context
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
} {
  const armorConfig: GraphQLArmorConfig = {
    maxDepth: { n: config.maxDepth, flattenFragments: true, ignoreIntrospection: true, ...limitRejection(`查询嵌套过深：最多 ${config.maxDepth} 层。`, 'MAX_DEPTH', config.maxDepth) },
    maxAliases: { n: config.maxAliases, ...limitRejection(`别名过多：一个操作最多 ${config.maxAliases} 个别名。`, 'MAX_ALIASES', config.maxAliases) },
    maxDirectives: { n: config.maxDirectives, ...limitRejection(`指令过多：一个操作最多 ${config.maxDirectives} 个指令。`, 'MAX_DIRECTIVES', config.maxDirectives) },
    // Cost = (2 per object field + 1 per scalar field) × the literal `first`/`last` of each list.
    // Armor's default multiplies by 1.5 per level too, which puts the portal's directory page
    // (trusted-documents/PublicEnterpriseDirectory.graphql) with `first: 100`, the documented maximum,
    // at ~9,800: over the default limit of 5,000. With 1 it costs 3,100. Depth and tokens bound the
    // nesting separately (nested lists without `first` are not multiplied: armor cannot know their size).
    costLimit: {
      maxCost: config.maxCost,
      objectCost: 2,
      scalarCost: 1,
      depthCostFactor: 1,
      flattenFragments: true,
      ignoreIntrospection: true,
      ...limitRejection(`查询代价过高（上限 ${config.maxCost}）：请减少字段、嵌套或每页条数。`, 'MAX_COST', config.maxCost),
    },
    // Armor's token limit throws inside an Apollo plugin hook, which Apollo 5 answers with HTTP 500.
    // graphql-js counts tokens itself (parseOptions.maxTokens below): HTTP 400 GRAPHQL_PARSE_FAILED.
    maxTokens: { enabled: false },
    // Apollo's own hideSchemaDetailsFromClientErrors removes "Did you mean …" suggestions.
    blockFieldSuggestion: { enabled: false },
  };
  const armor = new ApolloArmor(armorConfig).protect();
  const overflowReported = new WeakSet<object>();
  return {
    // Armor's typings import @apollo/server's CommonJS declarations, ours the ESM ones: same objects at run time.
    plugins: [
      ...(armor.plugins as unknown as ApolloServerPlugin<any>[]), // eslint-disable-line @typescript-eslint/no-explicit-any
      requestErrorsPlugin as ApolloServerPlugin<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
    ],
    validationRules: armor.validationRules.map((rule) =>
      guardRecursion(rule, `查询过于复杂（片段嵌套过深），最多 ${config.maxDepth} 层。`, 'MAX_DEPTH', config.maxDepth, overflowReported),
    ),
    parseOptions: { maxTokens: config.maxTokens },
  };
}
