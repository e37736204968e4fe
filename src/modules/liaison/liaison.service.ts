/**
 * The enterprise's liaison [D 五(一), R16]: naming and changing it (history kept, one current per
 * enterprise), ending a term without a successor, the bureaus' list of demonstration enterprises
 * without one and their reminders.
 */
import { LockMode } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { keysetPage, filteredQuery, type ConnectionArgs } from '../../common/pagination.js';
import { assertMay, may } from '../../common/policy.js';
import { sql, trusted, type Sql } from '../../common/sql.js';
import { transaction } from '../../common/transaction.js';
import { jurisdictionOf, requireUser } from '../../common/viewer.policy.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { factsOf } from '../enterprise/enterprise.policy.js';
import { Person } from '../person/person.entity.js';
import { Liaison, LiaisonReminder } from './liaison.entity.js';
import { bureauOf, liaisonActions, liaisonRecordVisibility } from './liaison.policy.js';
import {
  assertDemonstration,
  EMAIL,
  enterpriseForWrite,
  enterprisesByName,
  isDemonstrationOn,
  newestFirst,
  optionalText,
  PARAGRAPH,
  PHONE,
  recordFacts,
  recordFilter,
  regionOf,
  requiredText,
} from './liaison.common.js';
import { MissingLiaison, type EndLiaisonInput, type LiaisonFilter, type LiaisonReminderFilter, type MissingLiaisonFilter, type NameLiaisonInput, type RemindLiaisonInput } from './liaison.inputs.js';

const LIAISON_FIELDS = ['person', 'phone', 'email', 'startsOn', 'endedOn', 'endNote'] as const;

/** The enterprise has a current liaison (alias of the enterprise). */
const hasCurrentLiaison = (alias: string): Sql => sql`exists (select 1 from enterprise_liaison cl where cl.enterprise_id = ${trusted(`${alias}.id`)} and cl.ended_on is null)`;

export const liaisonService = {
  /**
   * The enterprise names its liaison, a person of its own staff: the current one (if any) ends
   * today and the new one starts today. R16: a current demonstration enterprise only.
   */
  async name(ctx: Context, input: NameLiaisonInput): Promise<{ liaison: Liaison; previous: Liaison | null }> {
    const v = requireUser(ctx);
    const enterpriseId = expectGlobalId(input.enterpriseId, 'Enterprise', 'enterpriseId');
    assertMay(ctx, liaisonActions.name, { enterpriseId });
    const personId = expectGlobalId(input.personId, 'Person', 'personId');
    const problems = new InputProblems();
    const phone = input.phone.trim();
    if (!PHONE.test(phone)) problems.add('phone', '应为 5–30 位数字、+、-、括号或空格');
    const email = optionalText(problems, 'email', input.email, 200);
    if (email && !EMAIL.test(email)) problems.add('email', '不是有效的电子邮箱');
    problems.throwIfAny();
    const today = ctx.clock.today();
    return transaction(ctx.em, async (em) => {
      const enterprise = await enterpriseForWrite(em, ctx, input.enterpriseId);
      await assertDemonstration(em, enterprise, today, '指定联络员');
      const person = await em.findOne(Person, personId);
      if (!person || person.employerEnterprise?.id !== enterprise.id) throw badInput([{ field: 'personId', message: '联络员应为本企业人员（人员记录的工作单位企业为本企业）' }]);
      const current = await em.findOne(Liaison, { enterprise: enterprise.id, endedOn: null }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (current && current.person.id === person.id && current.phone === phone && (current.email ?? null) === email) {
        throw conflict('该人员已是现任联络员，联系方式也未改变', { liaisonId: current.nodeId });
      }
      const jurisdiction = regionOf(enterprise);
      if (current) {
        const before = snapshot(current, LIAISON_FIELDS);
        current.endedOn = today;
        current.endedBy = v.username;
        recordAudit(em, ctx, { operation: 'nameLiaison', objectType: 'Liaison', objectId: current.id, jurisdiction, changes: changedFields(before, snapshot(current, LIAISON_FIELDS), LIAISON_FIELDS) });
        // The previous term ends before the next begins: the partial unique index allows one current liaison.
        await em.flush();
      }
      const liaison = em.create(Liaison, { enterprise: enterprise.id, person: person.id, phone, email, startsOn: today, namedBy: v.username });
      recordAudit(em, ctx, { operation: 'nameLiaison', objectType: 'Liaison', objectId: liaison.id, jurisdiction, changes: changedFields(null, snapshot(liaison, LIAISON_FIELDS), LIAISON_FIELDS) });
      await flushOrConflict(em, { duplicate: () => conflict('联络员已由他人同时更换，请刷新后重试') });
      return { liaison, previous: current };
    });
  },

  /** The current liaison leaves without a successor (the enterprise is then missing one until it names the next). */
  async end(ctx: Context, input: EndLiaisonInput): Promise<Liaison> {
    const v = requireUser(ctx);
    const id = expectGlobalId(input.id, 'Liaison', 'id');
    const problems = new InputProblems();
    const note = requiredText(problems, 'note', input.note, 500);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const liaison = await em.findOne(Liaison, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const enterprise = liaison ? await em.findOneOrFail(Enterprise, liaison.enterprise.id) : null;
      if (!liaison || !enterprise || !may(ctx.viewer, liaisonActions.read, recordFacts(enterprise))) throw notFound('联络员', input.id);
      assertMay(ctx, liaisonActions.name, { enterpriseId: enterprise.id });
      if (liaison.endedOn) throw conflict('该联络员已卸任', { endedOn: liaison.endedOn });
      const before = snapshot(liaison, LIAISON_FIELDS);
      liaison.endedOn = ctx.clock.today();
      liaison.endedBy = v.username;
      liaison.endNote = note;
      recordAudit(em, ctx, { operation: 'endLiaison', objectType: 'Liaison', objectId: liaison.id, jurisdiction: regionOf(enterprise), changes: changedFields(before, snapshot(liaison, LIAISON_FIELDS), LIAISON_FIELDS) });
      await em.flush();
      return liaison;
    });
  },

  /** A bureau reminds a demonstration enterprise of its jurisdiction that has no current liaison (stored, not sent). */
  async remind(ctx: Context, input: RemindLiaisonInput): Promise<LiaisonReminder> {
    const v = requireUser(ctx);
    assertMay(ctx, liaisonActions.remind);
    const problems = new InputProblems();
    const message = requiredText(problems, 'message', input.message, 1000);
    problems.throwIfAny();
    const today = ctx.clock.today();
    return transaction(ctx.em, async (em) => {
      const enterprise = await enterpriseForWrite(em, ctx, input.enterpriseId);
      assertMay(ctx, liaisonActions.remind, recordFacts(enterprise));
      await assertDemonstration(em, enterprise, today, '提醒指定联络员');
      if (await em.count(Liaison, { enterprise: enterprise.id, endedOn: null })) {
        throw ruleViolation('R16', `${enterprise.name}已有现任联络员，无须提醒`, { paragraph: PARAGRAPH, condition: 'LIAISON_NAMED' });
      }
      const reminder = em.create(LiaisonReminder, { enterprise: enterprise.id, bureauCode: bureauOf(ctx.viewer)!, remindedBy: v.username, remindedAt: ctx.clock.now(), message });
      recordAudit(em, ctx, { operation: 'remindLiaison', objectType: 'LiaisonReminder', objectId: reminder.id, jurisdiction: regionOf(enterprise), changes: { message: { before: null, after: message } } });
      await em.flush();
      return reminder;
    });
  },

  /**
   * The bureau's list [R16]: the enterprises of its jurisdiction (the national bureau: all, or by
   * region) holding a demonstration title valid today without a current liaison, by name.
   */
  async missing(ctx: Context, filter: MissingLiaisonFilter | null | undefined, args: ConnectionArgs) {
    requireUser(ctx);
    assertMay(ctx, liaisonActions.listMissing);
    const today = ctx.clock.today();
    const region = jurisdictionOf(ctx.viewer);
    const reminded = sql`exists (select 1 from liaison_reminder mr where mr.enterprise_id = e.id
      and (mr.reminded_at at time zone 'Asia/Shanghai')::date >= coalesce((select max(ml.ended_on) from enterprise_liaison ml where ml.enterprise_id = e.id), '-infinity'::date))`;
    const where: (Sql | null)[] = [
      region ? sql`e.region_code = ${region}` : null,
      isDemonstrationOn('e.id', today),
      sql`not ${hasCurrentLiaison('e')}`,
      ...recordFilter(ctx, 'e', filter, { enterpriseAlias: true }),
      filter?.reminded == null ? null : filter.reminded ? reminded : sql`not ${reminded}`,
    ];
    const page = await enterprisesByName(ctx, where, args);
    return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: Object.assign(new MissingLiaison(), { enterprise: edge.node }) })) };
  },

  /** Liaisons, current and past, newest first: the enterprise its own, the bureaus their jurisdiction's (national all). */
  async list(ctx: Context, filter: LiaisonFilter | null | undefined, args: ConnectionArgs) {
    requireUser(ctx);
    assertMay(ctx, liaisonActions.read);
    const where: (Sql | null)[] = [
      liaisonRecordVisibility(ctx.viewer, ctx.clock.today(), 'l'),
      ...recordFilter(ctx, 'l', filter),
      filter?.current == null ? null : filter.current ? sql`l.ended_on is null` : sql`l.ended_on is not null`,
    ];
    return newestFirst(ctx, Liaison, 'l', where, args);
  },

  /** Reminders, newest first: the enterprise those it received, the bureaus their jurisdiction's. */
  async reminders(ctx: Context, filter: LiaisonReminderFilter | null | undefined, args: ConnectionArgs) {
    requireUser(ctx);
    assertMay(ctx, liaisonActions.read);
    return keysetPage<LiaisonReminder>({
      query: filteredQuery(ctx.em, LiaisonReminder, 'r', [liaisonRecordVisibility(ctx.viewer, ctx.clock.today(), 'r'), ...recordFilter(ctx, 'r', filter)]),
      args,
      limits: ctx.config,
      orderKey: 'REMINDED_AT:DESC',
      ascending: false,
      column: 'r.reminded_at',
      idColumn: 'r.id',
      cast: 'timestamptz',
      property: 'remindedAt',
      value: (r) => r.remindedAt.toISOString(),
      valueOk: (x) => typeof x === 'string' && !Number.isNaN(Date.parse(x)),
    });
  },

  /** The current liaison of an enterprise, or null (also for viewers outside its record). */
  currentOf(ctx: Context, e: Enterprise): Promise<Liaison | null> | null {
    if (!may(ctx.viewer, liaisonActions.read, factsOf(e))) return null;
    return ctx.loaders.liaison.currentByEnterprise.load(e.id);
  },
};
