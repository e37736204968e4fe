/**
 * Industry patent alliances and their joint defence funds [D 四(一)四, 四(二)二] (docs/navigation.md).
 * The lead enterprise, the bureau of its jurisdiction or the national bureau manage an alliance:
 * members join and leave (an enterprise is a current member once; the lead stays), the fund records
 * contributions and payouts under the alliance row's lock, so a payout never exceeds the balance.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertAudience, assertMay } from '../../common/policy.js';
import { requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { transaction } from '../../common/transaction.js';
import { anyOf, query, sql } from '../../common/sql.js';
import type { ConnectionArgs } from '../../common/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import { enterpriseForWrite, newestFirst, regionOf, requiredText } from '../liaison/liaison.common.js';
import { AllianceFundEntry, AllianceMemberKind, AllianceStatus, FundEntryKind, PatentAlliance, PatentAllianceMember } from './alliance.entity.js';
import type { AddAllianceMemberInput, CreatePatentAllianceInput, DissolvePatentAllianceInput, PatentAllianceFilter, RecordAllianceFundEntryInput, RemoveAllianceMemberInput } from './alliance.inputs.js';
import { navigationActions } from './navigation.policy.js';

const MAX_AMOUNT = 999_999_999_999.99;
const cents = (x: number) => Math.round(x * 100) / 100;

/** The alliance of a global id, locked for a write by someone who may manage it (NOT_FOUND for an unknown one). */
async function allianceForWrite(ctx: Context, em: EntityManager, globalId: string, field = 'allianceId'): Promise<PatentAlliance> {
  return lockAlliance(ctx, em, expectGlobalId(globalId, 'PatentAlliance', field), globalId);
}

async function lockAlliance(ctx: Context, em: EntityManager, id: string, globalId: string): Promise<PatentAlliance> {
  const [row] = await query<{ id: string }>(em, sql`select id from patent_alliance where id = ${id}::uuid for update`);
  if (!row) throw notFound('专利联盟', globalId);
  const a = await em.findOneOrFail(PatentAlliance, row.id, { refresh: true, populate: ['leadEnterprise'] });
  const lead = a.leadEnterprise.unwrap();
  assertMay(ctx, navigationActions.manageAlliance, { enterpriseId: lead.id, regionCode: regionOf(lead) });
  return a;
}

const audit = (em: EntityManager, ctx: Context, operation: string, a: PatentAlliance, changes: Record<string, { before: unknown; after: unknown }>) =>
  recordAudit(em, ctx, { operation, objectType: 'PatentAlliance', objectId: a.id, jurisdiction: regionOf(a.leadEnterprise.unwrap()), changes });

function assertActive(a: PatentAlliance): void {
  if (a.status !== AllianceStatus.ACTIVE) throw conflict('联盟已解散', { status: a.status });
}

export const allianceService = {
  async create(ctx: Context, input: CreatePatentAllianceInput): Promise<PatentAlliance> {
    const user = requireUser(ctx);
    assertAudience(ctx, navigationActions.manageAlliance);
    const problems = new InputProblems();
    const name = requiredText(problems, 'name', input.name, 200);
    const purpose = requiredText(problems, 'purpose', input.purpose, 2000);
    if (!ctx.reference.industry(input.industryCode)) problems.add('industryCode', `未知的行业代码“${input.industryCode}”`);
    if (input.foundedOn > ctx.clock.today()) problems.add('foundedOn', '不能晚于今天');
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const lead = await enterpriseForWrite(em, ctx, input.leadEnterpriseId, 'leadEnterpriseId');
      assertMay(ctx, navigationActions.manageAlliance, { enterpriseId: lead.id, regionCode: regionOf(lead) });
      const a = em.create(PatentAlliance, { name, industryCode: input.industryCode, leadEnterprise: lead, purpose, foundedOn: input.foundedOn, createdBy: user.username });
      em.create(PatentAllianceMember, { alliance: a, enterprise: lead, kind: AllianceMemberKind.ENTERPRISE, name: lead.name, lead: true, joinedOn: input.foundedOn });
      audit(em, ctx, 'createPatentAlliance', a, { name: { before: null, after: name }, leadEnterprise: { before: null, after: lead.name } });
      await em.flush();
      return a;
    });
  },

  async addMember(ctx: Context, input: AddAllianceMemberInput): Promise<PatentAllianceMember> {
    requireUser(ctx);
    assertAudience(ctx, navigationActions.manageAlliance);
    const problems = new InputProblems();
    const isEnterprise = input.kind === AllianceMemberKind.ENTERPRISE;
    if (isEnterprise && !input.enterpriseId) problems.add('enterpriseId', '企业成员须指明企业');
    if (!isEnterprise && input.enterpriseId) problems.add('enterpriseId', '只有企业成员指明企业；其他成员填写名称');
    const name = isEnterprise ? null : requiredText(problems, 'name', input.name, 200);
    if (input.joinedOn > ctx.clock.today()) problems.add('joinedOn', '不能晚于今天');
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const a = await allianceForWrite(ctx, em, input.allianceId);
      assertActive(a);
      if (input.joinedOn < a.foundedOn) throw badInput('joinedOn', `不能早于联盟成立（${a.foundedOn}）`);
      const enterprise = isEnterprise ? await enterpriseForWrite(em, ctx, input.enterpriseId!) : null;
      const m = em.create(PatentAllianceMember, { alliance: a, enterprise, kind: input.kind, name: enterprise?.name ?? name!, joinedOn: input.joinedOn });
      audit(em, ctx, 'addAllianceMember', a, { member: { before: null, after: m.name } });
      await flushOrConflict(em, { duplicate: () => conflict('该企业已是联盟的在册成员', { field: 'enterpriseId' }) });
      return m;
    });
  },

  async removeMember(ctx: Context, input: RemoveAllianceMemberInput): Promise<PatentAllianceMember> {
    requireUser(ctx);
    assertAudience(ctx, navigationActions.manageAlliance);
    if (input.leftOn > ctx.clock.today()) throw badInput('leftOn', '不能晚于今天');
    return transaction(ctx.em, async (em) => {
      const id = expectGlobalId(input.memberId, 'PatentAllianceMember', 'memberId');
      const found = await em.findOne(PatentAllianceMember, id);
      if (!found) throw notFound('联盟成员', input.memberId);
      const a = await lockAlliance(ctx, em, found.alliance.id, input.memberId);
      const m = await em.findOneOrFail(PatentAllianceMember, id, { refresh: true });
      if (m.lead) throw conflict('牵头单位不能退出联盟（可解散联盟）');
      if (m.leftOn) throw conflict('该成员已退出', { leftOn: m.leftOn });
      if (input.leftOn < m.joinedOn) throw badInput('leftOn', `不能早于加入日期（${m.joinedOn}）`);
      m.leftOn = input.leftOn;
      audit(em, ctx, 'removeAllianceMember', a, { member: { before: m.name, after: null } });
      await em.flush();
      return m;
    });
  },

  /** One contribution or payout, with the balance after it; a payout beyond the balance is CONFLICT. */
  async recordFundEntry(ctx: Context, input: RecordAllianceFundEntryInput): Promise<AllianceFundEntry> {
    const user = requireUser(ctx);
    assertAudience(ctx, navigationActions.manageAlliance);
    const problems = new InputProblems();
    const purpose = requiredText(problems, 'purpose', input.purpose, 2000);
    if (!Number.isFinite(input.amount) || input.amount <= 0 || input.amount > MAX_AMOUNT || cents(input.amount) !== input.amount) problems.add('amount', '应大于 0、至多 999999999999.99 元、至多两位小数');
    if (input.occurredOn > ctx.clock.today()) problems.add('occurredOn', '不能晚于今天');
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const a = await allianceForWrite(ctx, em, input.allianceId);
      assertActive(a);
      const memberId = expectGlobalId(input.memberId, 'PatentAllianceMember', 'memberId');
      const member = await em.findOne(PatentAllianceMember, { id: memberId, alliance: a.id });
      if (!member || member.leftOn) throw badInput('memberId', '不是该联盟的在册成员');
      const balance = cents(a.fundBalance + (input.kind === FundEntryKind.CONTRIBUTION ? input.amount : -input.amount));
      if (balance < 0) throw conflict(`基金余额 ${a.fundBalance} 元，不足以支出 ${input.amount} 元`, { balance: a.fundBalance });
      a.fundBalance = balance;
      const entry = em.create(AllianceFundEntry, { alliance: a, kind: input.kind, amount: input.amount, occurredOn: input.occurredOn, member, purpose, balanceAfter: balance, recordedBy: user.username });
      audit(em, ctx, 'recordAllianceFundEntry', a, { [input.kind === FundEntryKind.CONTRIBUTION ? 'contribution' : 'payout']: { before: null, after: input.amount }, fundBalance: { before: cents(balance - (input.kind === FundEntryKind.CONTRIBUTION ? input.amount : -input.amount)), after: balance } });
      await em.flush();
      return entry;
    });
  },

  async dissolve(ctx: Context, input: DissolvePatentAllianceInput): Promise<PatentAlliance> {
    requireUser(ctx);
    assertAudience(ctx, navigationActions.manageAlliance);
    if (input.dissolvedOn > ctx.clock.today()) throw badInput('dissolvedOn', '不能晚于今天');
    return transaction(ctx.em, async (em) => {
      const a = await allianceForWrite(ctx, em, input.id, 'id');
      if (a.version !== input.version) throw conflict('联盟已被修改，请刷新后重试', { field: 'version', currentVersion: a.version });
      assertActive(a);
      if (a.fundBalance > 0) throw conflict(`基金尚有余额 ${a.fundBalance} 元：先登记其去向`, { balance: a.fundBalance });
      if (input.dissolvedOn < a.foundedOn) throw badInput('dissolvedOn', '不能早于成立日期');
      Object.assign(a, { status: AllianceStatus.DISSOLVED, dissolvedOn: input.dissolvedOn });
      await em.nativeUpdate(PatentAllianceMember, { alliance: a.id, leftOn: null }, { leftOn: input.dissolvedOn });
      audit(em, ctx, 'dissolvePatentAlliance', a, { status: { before: AllianceStatus.ACTIVE, after: AllianceStatus.DISSOLVED } });
      await flushOrConflict(em, { stale: () => conflict('联盟已被修改，请刷新后重试', { field: 'version' }) });
      return a;
    });
  },

  /** The alliances (public), newest first. */
  list(ctx: Context, filter: PatentAllianceFilter | null | undefined, args: ConnectionArgs) {
    assertMay(ctx, navigationActions.readCatalogue);
    const f = filter ?? {};
    const problems = new InputProblems();
    for (const code of f.industryCodes ?? []) if (!ctx.reference.industry(code)) problems.add('filter.industryCodes', `未知的行业代码“${code}”`);
    problems.throwIfAny();
    const member = f.memberEnterpriseId ? expectGlobalId(f.memberEnterpriseId, 'Enterprise', 'filter.memberEnterpriseId') : null;
    return newestFirst(ctx, PatentAlliance, 'pa', [
        f.industryCodes ? anyOf(sql`pa.industry_code`, ctx.reference.industryCodes(f.industryCodes)) : null,
        f.status?.length ? anyOf(sql`pa.status`, f.status) : null,
        member ? sql`exists (select 1 from patent_alliance_member pm where pm.alliance_id = pa.id and pm.enterprise_id = ${member}::uuid and pm.left_on is null)` : null,
      ], args);
  },
};
