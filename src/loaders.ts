import type { AppModule, LoaderContext, ModuleLoaders } from './common/module.js';
import { MODULES } from './modules/index.js';

/** Every module's loaders under its name: `ctx.loaders.training.sessionById` (src/common/module.ts). */
export type Loaders = ModuleLoaders;

/** A fresh set of loaders for one request (or one mutation's payload), from every module. */
export function createLoaders(ctx: LoaderContext): Loaders {
  const loaders: Record<string, object> = {};
  for (const module of MODULES as readonly AppModule[]) {
    if (module.name in loaders) throw new Error(`two modules are named ${module.name}`);
    loaders[module.name] = module.createLoaders?.(ctx) ?? {};
  }
  return loaders as unknown as Loaders;
}
