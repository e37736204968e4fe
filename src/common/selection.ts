/**
 * What an operation asks for below a field, to read a relation with the rows that need it
 * (LeanQuery.with) only when some field will use it.
 */
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * A test of whether the operation asks, anywhere below the resolving field (fragments included),
 * for a field named one of `names`. Answers are remembered per field node: Apollo keeps parsed
 * documents, so a repeated operation costs a lookup.
 */
export function asksForAny(...names: string[]): (info: GraphQLResolveInfo) => boolean {
  const wanted = new Set(names);
  const known = new WeakMap<FieldNode, boolean>();
  return (info) => {
    const single = info.fieldNodes.length === 1 ? info.fieldNodes[0] : undefined;
    const cached = single && known.get(single);
    if (cached !== undefined) return cached;
    const seen = new Set<string>();
    const walk = (set: SelectionSetNode | undefined): boolean => {
      for (const selection of set?.selections ?? []) {
        if (selection.kind === Kind.FIELD) {
          if (wanted.has(selection.name.value) || walk(selection.selectionSet)) return true;
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (walk(selection.selectionSet)) return true;
        } else if (!seen.has(selection.name.value)) {
          seen.add(selection.name.value);
          if (walk(info.fragments[selection.name.value]?.selectionSet)) return true;
        }
      }
      return false;
    };
    const answer = info.fieldNodes.some((node) => walk(node.selectionSet));
    if (single) known.set(single, answer);
    return answer;
  };
}
