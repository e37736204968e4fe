import { Field, ID, InterfaceType } from 'type-graphql';
import { badInput } from './errors.js';

/** Relay global object identification: an opaque id that encodes the type and the key. */
@InterfaceType('Node', {
  description: '可按全局 ID 重新获取的对象（Relay 全局对象标识）。Globally identifiable object.',
  resolveType: (value: { constructor: { name: string } }) => nodeTypeNameOf(value),
})
export abstract class Node {
  @Field(() => ID, { description: '不透明的全局 ID，编码了对象类型；用于 node(id:) 查询。Opaque global id.' })
  id!: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function toGlobalId(type: string, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

export interface DecodedId {
  type: string;
  key: string;
}

/** Decodes a global id; returns null when it is not one of ours. */
export function fromGlobalId(id: string): DecodedId | null {
  if (typeof id !== 'string' || id.length === 0 || id.length > 200 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  const type = text.slice(0, colon);
  const key = text.slice(colon + 1);
  if (!/^[A-Z][A-Za-z]+$/.test(type) || key.length === 0) return null;
  return { type, key };
}

/** Decodes an id that must denote `type`; a malformed or foreign id is a BAD_USER_INPUT on `field`. */
export function expectGlobalId(id: string, type: string, field = 'id'): string {
  const decoded = fromGlobalId(id);
  if (!decoded || decoded.type !== type || !UUID.test(decoded.key)) {
    throw badInput([{ field, message: `不是有效的${type} ID` }]);
  }
  return decoded.key;
}

/** Like expectGlobalId but returns null instead of throwing (for lookups that answer null). */
export function tryGlobalId(id: string, type: string): string | null {
  const decoded = fromGlobalId(id);
  return decoded && decoded.type === type && UUID.test(decoded.key) ? decoded.key : null;
}

const typeNames = new Map<Function, string>();
/** Entities register the GraphQL type name their instances resolve to. */
export function registerNodeType(cls: Function, typeName: string): void {
  typeNames.set(cls, typeName);
}
function nodeTypeNameOf(value: { constructor: { name: string } }): string {
  return typeNames.get(value.constructor as unknown as Function) ?? value.constructor.name;
}
