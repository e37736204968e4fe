import { regionModule } from './region/index.js';
import { industryModule } from './industry/index.js';
import { enterpriseModule } from './enterprise/index.js';
import { designationModule } from './designation/index.js';
import { organizationModule } from './organization/index.js';
import { personModule } from './person/index.js';
import { accountModule } from './account/index.js';
import { auditModule } from './audit/index.js';
import { programmeModule } from './programme/index.js';
import { applicationModule } from './application/index.js';
import { advantageModule } from './advantage/index.js';
import { fileModule } from './file/index.js';
import { talentModule } from './talent/index.js';
import { trainingModule } from './training/index.js';
import { systemModule } from './system/index.js';
import { evaluationModule } from './evaluation/index.js';
import { serviceModule } from './service/index.js';
import { liaisonModule } from './liaison/index.js';
import { consultingModule } from './consulting/index.js';
import { standardModule } from './standard/index.js';
import { assignmentModule } from './assignment/index.js';
import { reportingModule } from './reporting/index.js';
import { provincialModule } from './provincial/index.js';
import { navigationModule } from './navigation/index.js';
import { overseasModule } from './overseas/index.js';

/**
 * Every module; adding a module is one line here (its entities, loaders, resolvers, nodes and policy
 * come with it: src/common/module.ts). Names are unique (the loaders' namespaces).
 */
export const MODULES = [regionModule, industryModule, enterpriseModule, designationModule, organizationModule, personModule, accountModule, auditModule, programmeModule, applicationModule, advantageModule, fileModule, talentModule, trainingModule, systemModule, evaluationModule, serviceModule, liaisonModule, standardModule, consultingModule, assignmentModule, reportingModule, provincialModule, navigationModule, overseasModule];
