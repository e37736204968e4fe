import type { AppModule } from '../common/module.js';
import { regionModule } from './region/index.js';
import { industryModule } from './industry/index.js';
import { enterpriseModule } from './enterprise/index.js';
import { designationModule } from './designation/index.js';

/** Every feature module. A new module is added here (and its entities in src/entities.ts). */
export const MODULES: AppModule[] = [regionModule, industryModule, enterpriseModule, designationModule];
