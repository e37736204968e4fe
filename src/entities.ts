import { Region } from './modules/region/region.entity.js';
import { Bureau } from './modules/region/bureau.entity.js';
import { Industry } from './modules/industry/industry.entity.js';
import { Enterprise } from './modules/enterprise/enterprise.entity.js';
import { EnterpriseStatistics } from './modules/enterprise/enterprise-statistics.entity.js';
import { Designation } from './modules/designation/designation.entity.js';
import { SystemMeta } from './modules/system/system-meta.entity.js';
import { ServiceOrganization } from './modules/organization/organization.entity.js';
import { Person } from './modules/person/person.entity.js';
import { User } from './modules/account/user.entity.js';
import { Session } from './modules/account/session.entity.js';
import { AuditEntry } from './modules/audit/audit-entry.entity.js';
import { ProgrammeSettings } from './modules/programme/programme-settings.entity.js';
import { CalendarDay } from './modules/programme/calendar-day.entity.js';
import { RevocationIncident } from './modules/designation/incident.entity.js';
import { ApplicationBan } from './modules/designation/ban.entity.js';
import { ApplicationWindow } from './modules/application/application-window.entity.js';
import { DemonstrationApplication } from './modules/application/application.entity.js';
import { StoredFile } from './modules/file/stored-file.entity.js';
import { RecommendationPackage } from './modules/application/recommendation-package.entity.js';
import { Objection, PublicNotice } from './modules/application/public-notice.entity.js';
import { PoolMembership } from './modules/talent/pool-membership.entity.js';
import { Attendance, Certificate, Enrolment, TrainingProgram, TrainingSession } from './modules/training/training.entity.js';

/** Every entity, in one list for the ORM. */
export const ENTITIES = [
  Region, Bureau, Industry, Enterprise, EnterpriseStatistics, Designation, SystemMeta,
  ServiceOrganization, Person, User, Session, AuditEntry,
  ProgrammeSettings, CalendarDay, RevocationIncident, ApplicationBan, ApplicationWindow, DemonstrationApplication, StoredFile, RecommendationPackage, PublicNotice, Objection, PoolMembership, TrainingProgram, TrainingSession, Enrolment, Attendance, Certificate,
];
