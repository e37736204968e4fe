import type { AppModule } from './common/module.js';
import { MODULES } from './modules/index.js';

/** Every entity, for the ORM: what the modules register (src/modules/index.ts). */
export const ENTITIES = [...new Set((MODULES as readonly AppModule[]).flatMap((m) => m.entities))] as (new () => object)[];
