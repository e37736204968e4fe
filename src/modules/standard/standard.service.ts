/**
 * Standard-implementation matching [A 四(二)]: match a 贯标 service team with an advantage
 * enterprise (S1: a current advantage title, or a submitted advantage application that is
 * implementing the standard; S2: not certified yet; one implementation under way per enterprise),
 * follow it (IMPLEMENTING, AUDITING) and record the certification, which fills in the enterprise's
 * `standardCertifiedOn`.
 */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertMay } from '../../common/policy.js';
import { requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { transaction } from '../../common/transaction.js';
import { anyOf, sql, type Sql } from '../../common/sql.js';
import { filteredQuery, keysetPage, LeanQuery, type ConnectionArgs } from '../../common/pagination.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { isEnterpriseVisible } from '../enterprise/enterprise.policy.js';
import { Designation, DesignationLevel } from '../designation/designation.entity.js';
import { OrganizationKind, OrganizationStatus, ServiceOrganization } from '../organization/organization.entity.js';
import { AdvantageApplication, AdvantageApplicationStatus, StandardPath } from '../advantage/advantage.entity.js';
import { OPEN_IMPLEMENTATION, StandardImplementation, StandardImplementationStatus as Status } from './standard.entity.js';
import { implementationVisibility, standardActions } from './standard.policy.js';
import type {
  CertifyStandardImplementationInput,
  EndStandardImplementationInput,
  MatchStandardTeamInput,
  RecordStandardProgressInput,
  StandardImplementationFilter,
} from './standard.inputs.js';

const FIELDS = ['status', 'organizationId', 'targetOn', 'note', 'startedOn', 'auditAppliedOn', 'certifiedOn', 'certificationBody', 'certificateNumber', 'endedOn', 'endReason', 'progressNote'] as const;
const PARAGRAPH = '优势 四(二)';

/** What the rules need: the enterprise's jurisdiction today (the implementation follows the enterprise), the enterprise, the team. */
type Located = { i: StandardImplementation; regionCode: string };
const facts = ({ i, regionCode }: Located) => ({ regionCode, enterpriseId: i.enterprise.id, organizationId: i.organization.id });
const record = (i: StandardImplementation) => ({ ...snapshot(i, FIELDS), organizationId: i.organization.id });

function text(problems: InputProblems, field: string, value: string | null | undefined, max: number, required: boolean): string | null {
  const v = value?.trim() ?? '';
  if (required && !v) problems.add(field, `应为 1–${max} 字`);
  else if ([...v].length > max) problems.add(field, `最长 ${max} 字`);
  return v || null;
}

/** S1 [A 四(二)]: an advantage enterprise — a title valid today, or a submitted application implementing the standard. */
async function isAdvantageEnterprise(em: EntityManager, enterpriseId: string, today: string): Promise<boolean> {
  const titles = await em.find(Designation, { enterprise: enterpriseId, level: DesignationLevel.ADVANTAGE });
  if (titles.some((d) => d.isValidOn(today))) return true;
  const live = [AdvantageApplicationStatus.SUBMITTED, AdvantageApplicationStatus.RECOMMENDED, AdvantageApplicationStatus.IN_NOTICE, AdvantageApplicationStatus.DESIGNATED];
  return (await em.count(AdvantageApplication, { enterprise: enterpriseId, standardPath: StandardPath.IMPLEMENTING, status: { $in: live } })) > 0;
}

/** The implementation, locked, if the viewer sees it (NOT_FOUND otherwise), checked for `version`, with its enterprise's jurisdiction. */
async function lockedFor(em: EntityManager, ctx: Context, globalId: string, version: number): Promise<Located> {
  const id = expectGlobalId(globalId, 'StandardImplementation', 'id');
  const found = await em.findOne(StandardImplementation, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!found || !(await visible(em, ctx, found.id))) throw notFound('贯标对接', globalId);
  if (found.version !== version) throw conflict('贯标对接已被修改，请刷新后重试', { field: 'version', currentVersion: found.version });
  const enterprise = await em.findOneOrFail(Enterprise, found.enterprise.id);
  return { i: found, regionCode: enterprise.region.unwrap().code };
}

async function visible(em: EntityManager, ctx: Context, id: string): Promise<boolean> {
  return (await new LeanQuery(em, StandardImplementation, 'i', [sql`i.id = ${id}`, implementationVisibility(ctx.viewer, ctx.clock.today(), 'i')]).getCount()) > 0;
}

/** A step's date: not in the future, not before the step before it (the match, the start, the audit application). */
function checkDate(problems: InputProblems, field: string, date: string, i: StandardImplementation, today: string): void {
  const [label, earliest] = i.auditAppliedOn ? ['申请认证审核日', i.auditAppliedOn] : i.startedOn ? ['开始实施日', i.startedOn] : ['对接日', i.matchedOn];
  if (date > today) problems.add(field, '不能晚于今日');
  if (date < earliest) problems.add(field, `不能早于${label}（${earliest}）`);
}

export const standardService = {
  async match(ctx: Context, input: MatchStandardTeamInput): Promise<StandardImplementation> {
    assertMay(ctx, standardActions.match);
    const user = requireUser(ctx);
    const enterpriseId = expectGlobalId(input.enterpriseId, 'Enterprise', 'enterpriseId');
    const organizationId = expectGlobalId(input.organizationId, 'ServiceOrganization', 'organizationId');
    const today = ctx.clock.today();
    const problems = new InputProblems();
    const note = text(problems, 'note', input.note, 2000, false);
    if (input.targetOn && input.targetOn < today) problems.add('targetOn', '不能早于今日');
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const enterprise = await em.findOne(Enterprise, enterpriseId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const regionCode = enterprise?.region.unwrap().code;
      if (!enterprise || !(await isEnterpriseVisible(em, ctx.viewer, today, enterpriseId))) throw notFound('企业', input.enterpriseId);
      // Another jurisdiction's enterprise it can see (the public directory): FORBIDDEN.
      assertMay(ctx, standardActions.match, { regionCode: regionCode! });
      const team = await em.findOne(ServiceOrganization, organizationId);
      if (!team) throw notFound('服务机构', input.organizationId);
      if (team.kind !== OrganizationKind.SERVICE_TEAM || team.status !== OrganizationStatus.ACTIVE) {
        throw ruleViolation('S4', `${team.name} 不是正常运行的贯标服务团队（类别 ${team.kind}，状态 ${team.status}）`, { paragraph: PARAGRAPH });
      }
      if (enterprise.standardCertifiedOn) throw ruleViolation('S2', `企业已于 ${enterprise.standardCertifiedOn} 通过贯标认证`, { paragraph: PARAGRAPH, certifiedOn: enterprise.standardCertifiedOn });
      if (!(await isAdvantageEnterprise(em, enterprise.id, today))) {
        throw ruleViolation('S1', '贯标对接面向优势企业：须持有有效的优势企业认定，或已提交“正在贯标”的优势企业申报', { paragraph: PARAGRAPH });
      }
      const implementation = em.create(StandardImplementation, { enterprise: enterprise.id, organization: team.id, matchedOn: today, targetOn: input.targetOn ?? null, note, matchedBy: user.username });
      recordAudit(em, ctx, { operation: 'matchStandardTeam', objectType: 'StandardImplementation', objectId: implementation.id, jurisdiction: regionCode!, changes: changedFields(null, record(implementation), [...FIELDS, 'organizationId']) });
      await flushOrConflict(em, { duplicate: () => conflict('该企业已有进行中的贯标对接（每家企业同时只能有一项）', { rule: 'S3' }) });
      return implementation;
    });
  },

  async progress(ctx: Context, input: RecordStandardProgressInput): Promise<StandardImplementation> {
    assertMay(ctx, standardActions.progress);
    const today = ctx.clock.today();
    if (input.status !== Status.IMPLEMENTING && input.status !== Status.AUDITING) throw badInput('status', '进展只能是 IMPLEMENTING 或 AUDITING；认证和终止另有操作');
    return transaction(ctx.em, async (em) => {
      const located = await lockedFor(em, ctx, input.id, input.version);
      const { i } = located;
      assertMay(ctx, standardActions.progress, facts(located));
      const problems = new InputProblems();
      const note = text(problems, 'note', input.note, 2000, true);
      const on = input.on ?? today;
      checkDate(problems, 'on', on, i, today);
      problems.throwIfAny();
      const order = [Status.MATCHED, Status.IMPLEMENTING, Status.AUDITING];
      if (!(OPEN_IMPLEMENTATION as readonly Status[]).includes(i.status) || order.indexOf(input.status) < order.indexOf(i.status)) {
        throw conflict(`贯标对接处于 ${i.status}，不能记为 ${input.status}`, { status: i.status });
      }
      const before = record(i);
      if (input.status === Status.IMPLEMENTING && !i.startedOn) i.startedOn = on;
      if (input.status === Status.AUDITING) {
        i.startedOn ??= on;
        i.auditAppliedOn ??= on;
      }
      i.status = input.status;
      i.progressNote = note;
      recordAudit(em, ctx, { operation: 'recordStandardProgress', objectType: 'StandardImplementation', objectId: i.id, jurisdiction: located.regionCode, changes: { ...changedFields(before, record(i), FIELDS), on: { before: null, after: on } } });
      await flushOrConflict(em, { stale: () => conflict('贯标对接已被修改，请刷新后重试', { field: 'version' }) });
      return i;
    });
  },

  async certify(ctx: Context, input: CertifyStandardImplementationInput): Promise<{ implementation: StandardImplementation; enterprise: Enterprise }> {
    assertMay(ctx, standardActions.certify);
    const today = ctx.clock.today();
    return transaction(ctx.em, async (em) => {
      const located = await lockedFor(em, ctx, input.id, input.version);
      const { i } = located;
      assertMay(ctx, standardActions.certify, facts(located));
      const problems = new InputProblems();
      const body = text(problems, 'certificationBody', input.certificationBody, 200, true);
      const number = text(problems, 'certificateNumber', input.certificateNumber, 100, true);
      checkDate(problems, 'certifiedOn', input.certifiedOn, i, today);
      problems.throwIfAny();
      if (!(OPEN_IMPLEMENTATION as readonly Status[]).includes(i.status)) throw conflict(`贯标对接已${i.status === Status.CERTIFIED ? '认证' : '终止'}`, { status: i.status });
      const enterprise = await em.findOneOrFail(Enterprise, i.enterprise.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const before = record(i);
      i.status = Status.CERTIFIED;
      i.startedOn ??= i.matchedOn;
      i.certifiedOn = input.certifiedOn;
      i.certificationBody = body;
      i.certificateNumber = number;
      const previous = enterprise.standardCertifiedOn ?? null;
      enterprise.standardCertifiedOn = input.certifiedOn;
      recordAudit(em, ctx, { operation: 'certifyStandardImplementation', objectType: 'StandardImplementation', objectId: i.id, jurisdiction: located.regionCode, changes: changedFields(before, record(i), FIELDS) });
      recordAudit(em, ctx, { operation: 'certifyStandardImplementation', objectType: 'Enterprise', objectId: enterprise.id, jurisdiction: located.regionCode, changes: { standardCertifiedOn: { before: previous, after: input.certifiedOn }, implementationId: { before: null, after: i.id } } });
      await flushOrConflict(em, { stale: () => conflict('贯标对接或企业资料已被修改，请刷新后重试', { field: 'version' }) });
      return { implementation: i, enterprise };
    });
  },

  async end(ctx: Context, input: EndStandardImplementationInput): Promise<StandardImplementation> {
    assertMay(ctx, standardActions.end);
    const today = ctx.clock.today();
    return transaction(ctx.em, async (em) => {
      const located = await lockedFor(em, ctx, input.id, input.version);
      const { i } = located;
      assertMay(ctx, standardActions.end, facts(located));
      const problems = new InputProblems();
      const reason = text(problems, 'reason', input.reason, 2000, true);
      problems.throwIfAny();
      if (!(OPEN_IMPLEMENTATION as readonly Status[]).includes(i.status)) throw conflict(`贯标对接已${i.status === Status.CERTIFIED ? '认证' : '终止'}`, { status: i.status });
      const before = record(i);
      i.status = Status.ENDED;
      i.endedOn = today;
      i.endReason = reason;
      recordAudit(em, ctx, { operation: 'endStandardImplementation', objectType: 'StandardImplementation', objectId: i.id, jurisdiction: located.regionCode, changes: changedFields(before, record(i), FIELDS) });
      await flushOrConflict(em, { stale: () => conflict('贯标对接已被修改，请刷新后重试', { field: 'version' }) });
      return i;
    });
  },

  /** The implementations the viewer sees, newest first. */
  async list(ctx: Context, filter: StandardImplementationFilter | null | undefined, args: ConnectionArgs) {
    requireUser(ctx);
    assertMay(ctx, standardActions.list);
    const f = filter ?? {};
    const conditions: (Sql | null)[] = [
      f.regionCodes ? anyOf(sql`(select fe.region_code from enterprise fe where fe.id = i.enterprise_id)`, ctx.reference.regionCodes(f.regionCodes, !!f.includeSubJurisdictions)) : null,
      f.status?.length ? anyOf(sql`i.status`, f.status) : null,
      f.organizationId ? sql`i.organization_id = ${expectGlobalId(f.organizationId, 'ServiceOrganization', 'filter.organizationId')}::uuid` : null,
      f.enterpriseId ? sql`i.enterprise_id = ${expectGlobalId(f.enterpriseId, 'Enterprise', 'filter.enterpriseId')}::uuid` : null,
      implementationVisibility(ctx.viewer, ctx.clock.today(), 'i'),
    ];
    return keysetPage<StandardImplementation>({
      query: filteredQuery(ctx.em, StandardImplementation, 'i', conditions),
      args,
      limits: ctx.config,
      orderKey: 'CREATED_AT:DESC',
      ascending: false,
      column: 'i.created_at',
      idColumn: 'i.id',
      cast: 'timestamptz',
      property: 'createdAt',
      value: (i) => i.createdAt.toISOString(),
      valueOk: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
    });
  },
};
