import type { AppModule } from './common/module.js';
import type { Policy } from './common/policy.js';
import { MODULES } from './modules/index.js';

/**
 * Every module's policy: the source of me.permissions and of the matrix in docs/permissions.md.
 * A function, read when asked: the modules that use it are among those MODULES is made of.
 */
export function policies(): readonly Policy[] {
  return (MODULES as readonly AppModule[]).map((m) => m.policy);
}
