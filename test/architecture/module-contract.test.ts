/**
 * The module contract (src/common/module.ts): everything shared is derived from the list of
 * modules, so adding a module is one folder and one line in src/modules/index.ts. These checks
 * fail when a module forgets to register something, or two modules claim the same thing.
 */
import { describe, expect, it } from 'vitest';
import { MetadataStorage } from '@mikro-orm/core';
import { isInterfaceType, isObjectType } from 'graphql';
import { MODULES } from '../../src/modules/index.js';
import { ENTITIES } from '../../src/entities.js';
import { createLoaders } from '../../src/loaders.js';
import { createSchema } from '../../src/schema.js';
import { systemClock } from '../../src/common/clock.js';
import type { AppModule } from '../../src/common/module.js';

const modules = MODULES as readonly AppModule[];

describe('the module contract', () => {
  it('every entity the code declares is registered by exactly one module', () => {
    const declared = Object.values(MetadataStorage.getMetadata() as Record<string, { className: string; tableName?: string }>)
      .filter((m) => m.tableName) // base classes carry property metadata but no table
      .map((m) => m.className)
      .sort();
    expect(ENTITIES.map((e) => e.name).sort()).toEqual(declared);
    const owners = new Map<string, string[]>();
    for (const m of modules) for (const e of m.entities) owners.set(e.name, [...(owners.get(e.name) ?? []), m.name]);
    expect([...owners].filter(([, by]) => by.length > 1)).toEqual([]);
  });

  it('module names are unique, and each module\'s loaders are reached under its name', () => {
    const names = modules.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    const loaders = createLoaders({ em: {} as never, viewer: { kind: 'ANONYMOUS' }, clock: systemClock }) as unknown as Record<string, object>;
    expect(Object.keys(loaders).sort()).toEqual([...names].sort());
    for (const m of modules) if (m.createLoaders) expect(Object.keys(loaders[m.name]!).length, m.name).toBeGreaterThan(0);
  });

  it('every type that implements Node can be fetched by node(id), by exactly one module', async () => {
    const schema = await createSchema();
    const node = schema.getType('Node');
    expect(isInterfaceType(node)).toBe(true);
    const implementing = Object.values(schema.getTypeMap())
      .filter((t) => isObjectType(t) && t.getInterfaces().some((i) => i.name === 'Node'))
      .map((t) => t.name)
      .sort();
    const fetchers = modules.flatMap((m) => Object.keys(m.nodes));
    expect(new Set(fetchers).size).toBe(fetchers.length);
    expect([...fetchers].sort()).toEqual(implementing);
  });

  it('every resolver class belongs to one module', () => {
    const resolvers = modules.flatMap((m) => m.resolvers);
    expect(new Set(resolvers).size).toBe(resolvers.length);
  });

  it('every module has a policy; action names are unique and carry their module\'s name', () => {
    const names: string[] = [];
    for (const m of modules) {
      expect(m.policy, m.name).toBeDefined();
      for (const act of m.policy.actions) {
        expect(act.name.startsWith(`${m.name}.`), `${act.name} in module ${m.name}`).toBe(true);
        expect(act.description.length).toBeGreaterThan(0);
        names.push(act.name);
      }
    }
    expect(new Set(names).size).toBe(names.length);
  });
});
