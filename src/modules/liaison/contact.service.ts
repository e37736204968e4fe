/**
 * The bureaus' contact records [D 五(一)]: a provincial bureau's daily contact with the enterprises
 * of its jurisdiction, the national bureau's with any (its major-matters mechanism: `major` with
 * the decision taken). A record is changed only by the bureau that made it.
 */
import { LockMode } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import type { ConnectionArgs } from '../../common/pagination.js';
import { assertMay, may } from '../../common/policy.js';
import { anyOf, sql, type Sql } from '../../common/sql.js';
import { transaction } from '../../common/transaction.js';
import { requireUser } from '../../common/viewer.policy.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ContactRecord, type FollowUp } from './contact.entity.js';
import { bureauOf, liaisonActions, liaisonRecordVisibility } from './liaison.policy.js';
import { byDateDesc, enterpriseForWrite, optionalText, recordFacts, recordFilter, regionOf, requiredText } from './liaison.common.js';
import type { ContactRecordFilter, FollowUpInput, RecordContactInput, UpdateContactInput } from './contact.inputs.js';

const CONTACT_FIELDS = ['contactedOn', 'channel', 'subject', 'summary', 'followUps', 'major', 'decision', 'internalNote'] as const;
const FOLLOW_UPS_MAX = 20;

/** Follow-ups as stored: text 1–500, a done one with its date (today by default, never after today). */
function checkFollowUps(problems: InputProblems, list: FollowUpInput[], today: string): FollowUp[] {
  if (list.length > FOLLOW_UPS_MAX) problems.add('followUps', `至多 ${FOLLOW_UPS_MAX} 项`);
  return list.map((f, i) => {
    const text = requiredText(problems, `followUps.${i}.text`, f.text, 500);
    const done = !!f.done;
    if (!done && f.doneOn) problems.add(`followUps.${i}.doneOn`, '未完成的事项不填完成日期');
    if (f.doneOn && f.doneOn > today) problems.add(`followUps.${i}.doneOn`, '不能晚于今日');
    return { text, dueOn: f.dueOn ?? null, done, doneOn: done ? (f.doneOn ?? today) : null };
  });
}

export const contactService = {
  /** A bureau records a contact with an enterprise of its jurisdiction (the national bureau: any; major matters only it). */
  async record(ctx: Context, input: RecordContactInput): Promise<ContactRecord> {
    const v = requireUser(ctx);
    assertMay(ctx, liaisonActions.recordContact);
    if (input.major) assertMay(ctx, liaisonActions.recordMajor);
    const today = ctx.clock.today();
    const problems = new InputProblems();
    if (input.contactedOn > today) problems.add('contactedOn', '不能晚于今日');
    const subject = requiredText(problems, 'subject', input.subject, 200);
    const summary = requiredText(problems, 'summary', input.summary, 5000);
    const followUps = checkFollowUps(problems, input.followUps ?? [], today);
    const decision = optionalText(problems, 'decision', input.decision, 5000);
    if (input.major && !decision) problems.add('decision', '重大事项联系须填写议定事项');
    if (!input.major && decision) problems.add('decision', '议定事项只用于重大事项联系（major 为 true）');
    const internalNote = optionalText(problems, 'internalNote', input.internalNote, 2000);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const enterprise = await enterpriseForWrite(em, ctx, input.enterpriseId);
      assertMay(ctx, liaisonActions.recordContact, recordFacts(enterprise));
      const contact = em.create(ContactRecord, {
        enterprise: enterprise.id,
        bureauCode: bureauOf(ctx.viewer)!,
        contactedOn: input.contactedOn,
        channel: input.channel,
        subject,
        summary,
        followUps,
        major: !!input.major,
        decision,
        internalNote,
        recordedBy: v.username,
      });
      recordAudit(em, ctx, { operation: 'recordContact', objectType: 'ContactRecord', objectId: contact.id, jurisdiction: regionOf(enterprise), changes: changedFields(null, snapshot(contact, CONTACT_FIELDS), CONTACT_FIELDS) });
      await em.flush();
      return contact;
    });
  },

  /** The recording bureau changes its record (e.g. marks follow-ups done); only the fields named change. */
  async update(ctx: Context, input: UpdateContactInput): Promise<ContactRecord> {
    requireUser(ctx);
    const id = expectGlobalId(input.id, 'ContactRecord', 'id');
    const today = ctx.clock.today();
    const problems = new InputProblems();
    const subject = input.subject != null ? requiredText(problems, 'subject', input.subject, 200) : undefined;
    const summary = input.summary != null ? requiredText(problems, 'summary', input.summary, 5000) : undefined;
    const followUps = input.followUps ? checkFollowUps(problems, input.followUps, today) : undefined;
    const decision = input.decision !== undefined ? optionalText(problems, 'decision', input.decision, 5000) : undefined;
    const internalNote = input.internalNote !== undefined ? optionalText(problems, 'internalNote', input.internalNote, 2000) : undefined;
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const contact = await em.findOne(ContactRecord, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const enterprise = contact ? await em.findOneOrFail(Enterprise, contact.enterprise.id) : null;
      if (!contact || !enterprise || !may(ctx.viewer, liaisonActions.readContacts, recordFacts(enterprise))) throw notFound('联系记录', input.id);
      assertMay(ctx, liaisonActions.updateContact, { bureauCode: contact.bureauCode });
      if (contact.version !== input.version) throw conflict('联系记录已被修改，请刷新后重试', { field: 'version', currentVersion: contact.version });
      if (decision && !contact.major) throw badInput([{ field: 'decision', message: '议定事项只用于重大事项联系' }]);
      if (decision === null && contact.major) throw badInput([{ field: 'decision', message: '重大事项联系的议定事项不能清空' }]);
      const before = snapshot(contact, CONTACT_FIELDS);
      if (subject !== undefined) contact.subject = subject;
      if (summary !== undefined) contact.summary = summary;
      if (followUps !== undefined) contact.followUps = followUps;
      if (decision !== undefined) contact.decision = decision;
      if (internalNote !== undefined) contact.internalNote = internalNote;
      recordAudit(em, ctx, { operation: 'updateContact', objectType: 'ContactRecord', objectId: contact.id, jurisdiction: regionOf(enterprise), changes: changedFields(before, snapshot(contact, CONTACT_FIELDS), CONTACT_FIELDS) });
      await flushOrConflict(em, { stale: () => conflict('联系记录已被修改，请刷新后重试', { field: 'version' }) });
      return contact;
    });
  },

  /** Contact records the viewer may see, latest contact first. */
  async list(ctx: Context, filter: ContactRecordFilter | null | undefined, args: ConnectionArgs) {
    requireUser(ctx);
    assertMay(ctx, liaisonActions.readContacts);
    const problems = new InputProblems();
    if (filter?.contactedFrom && filter.contactedTo && filter.contactedTo < filter.contactedFrom) problems.add('filter.contactedTo', '不能早于 contactedFrom');
    problems.throwIfAny();
    const openFollowUps = sql`exists (select 1 from jsonb_array_elements(c.follow_ups) f where not coalesce((f->>'done')::boolean, false))`;
    const where: (Sql | null)[] = [
      liaisonRecordVisibility(ctx.viewer, ctx.clock.today(), 'c'),
      ...recordFilter(ctx, 'c', filter),
      filter?.channels ? anyOf(sql`c.channel`, filter.channels) : null,
      filter?.major != null ? sql`c.major = ${filter.major}` : null,
      filter?.openFollowUps == null ? null : filter.openFollowUps ? openFollowUps : sql`not ${openFollowUps}`,
      filter?.contactedFrom ? sql`c.contacted_on >= ${filter.contactedFrom}::date` : null,
      filter?.contactedTo ? sql`c.contacted_on <= ${filter.contactedTo}::date` : null,
    ];
    return byDateDesc(ctx, ContactRecord, 'c', where, args, { column: 'contacted_on', property: 'contactedOn', value: (c) => c.contactedOn });
  },
};
