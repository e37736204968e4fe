/**
 * A protection case's participants (R20, docs/overseas.md): experts of the public pools, service
 * organisations, the joint defence fund of an alliance the enterprise belongs to [D 四(二)二]; added
 * and ended by the handling office or the national bureau, on the case's timeline.
 */

import type { Context } from '../../context.js';
import { assertAudience, assertMay } from '../../common/policy.js';
import { requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { transaction } from '../../common/transaction.js';
import { query, sql } from '../../common/sql.js';
import { OrganizationStatus, ServiceOrganization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';
import { PatentAlliance } from '../navigation/alliance.entity.js';
import { requiredText } from '../liaison/liaison.common.js';
import { CaseEventKind } from './case.entity.js';
import { ParticipantKind, ProtectionCaseParticipant } from './case-parts.entity.js';
import type { AddCaseParticipantInput, EndCaseParticipantInput } from './case.inputs.js';
import { overseasActions } from './overseas.policy.js';
import { poolExpert } from './overseas.rules.js';
import { assertOpen, audit, event, loadCase } from './case.common.js';

/** At most this many participants (current and past) on one case. */
const MAX_PARTICIPANTS = 50;

export const caseParticipantService = {
  async addParticipant(ctx: Context, input: AddCaseParticipantInput): Promise<ProtectionCaseParticipant> {
    requireUser(ctx);
    assertAudience(ctx, overseasActions.handleCase);
    const problems = new InputProblems();
    const role = requiredText(problems, 'role', input.role, 200);
    const given = { EXPERT: input.personId, ORGANIZATION: input.organizationId, ALLIANCE_FUND: input.allianceId };
    for (const [kind, field] of [['EXPERT', 'personId'], ['ORGANIZATION', 'organizationId'], ['ALLIANCE_FUND', 'allianceId']] as const) {
      if ((input.kind === kind) !== (given[kind] != null)) problems.add(field, input.kind === kind ? '必填' : `类别 ${input.kind} 不填此项`);
    }
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const l = await loadCase(ctx, em, input.caseId);
      assertMay(ctx, overseasActions.handleCase, { organizationId: l.handler.id });
      assertOpen(l.c);
      const today = ctx.clock.today();
      const count = await em.count(ProtectionCaseParticipant, { protectionCase: l.c.id });
      if (count >= MAX_PARTICIPANTS) throw conflict(`一件案件至多 ${MAX_PARTICIPANTS} 个参与方`);
      let name: string;
      const row: { person?: Person; organization?: ServiceOrganization; alliance?: PatentAlliance } = {};
      if (input.kind === ParticipantKind.EXPERT) {
        const person = await poolExpert(em, input.personId!, today, 'personId');
        row.person = person;
        name = person.name;
      } else if (input.kind === ParticipantKind.ORGANIZATION) {
        const org = await em.findOne(ServiceOrganization, expectGlobalId(input.organizationId!, 'ServiceOrganization', 'organizationId'));
        if (!org) throw notFound('服务机构', input.organizationId!);
        if (org.status !== OrganizationStatus.ACTIVE) throw badInput('organizationId', '该服务机构不在正常状态');
        if (org.id === l.handler.id) throw badInput('organizationId', '受理单位本身不是参与方');
        row.organization = org;
        name = org.name;
      } else {
        const alliance = await em.findOne(PatentAlliance, expectGlobalId(input.allianceId!, 'PatentAlliance', 'allianceId'));
        if (!alliance) throw notFound('产业知识产权联盟', input.allianceId!);
        const [member] = await query<{ id: string }>(em, sql`select id from patent_alliance_member where alliance_id = ${alliance.id}::uuid and enterprise_id = ${l.enterprise.id}::uuid and left_on is null`);
        if (!member) throw badInput('allianceId', `${l.enterprise.name}不是该联盟的在册成员：联合防御基金为成员应对纠纷（D 四(二)二）`);
        row.alliance = alliance;
        name = alliance.name;
      }
      const p = em.create(ProtectionCaseParticipant, { protectionCase: l.c, kind: input.kind, role, addedBy: ctx.viewer.kind === 'USER' ? ctx.viewer.username : 'system', ...row });
      event(em, ctx, l.c, CaseEventKind.PARTICIPANT_ADDED, { body: `${name}：${role}` });
      audit(em, ctx, 'addCaseParticipant', l, { participant: { before: null, after: `${input.kind} ${name}` } });
      await flushOrConflict(em, { duplicate: () => conflict('已是该案件的参与方') });
      return p;
    });
  },

  async endParticipant(ctx: Context, input: EndCaseParticipantInput): Promise<ProtectionCaseParticipant> {
    requireUser(ctx);
    assertAudience(ctx, overseasActions.handleCase);
    return transaction(ctx.em, async (em) => {
      const l = await loadCase(ctx, em, input.caseId);
      assertMay(ctx, overseasActions.handleCase, { organizationId: l.handler.id });
      assertOpen(l.c);
      const p = await em.findOne(ProtectionCaseParticipant, { id: expectGlobalId(input.participantId, 'CaseParticipant', 'participantId'), protectionCase: l.c.id }, { populate: ['person', 'organization', 'alliance'] });
      if (!p) throw notFound('参与方', input.participantId);
      if (p.endedAt) throw conflict('该参与方已退出');
      p.endedAt = ctx.clock.now();
      const name = p.person?.unwrap().name ?? p.organization?.unwrap().name ?? p.alliance?.unwrap().name ?? '';
      event(em, ctx, l.c, CaseEventKind.PARTICIPANT_ENDED, { body: name });
      audit(em, ctx, 'endCaseParticipant', l, { participant: { before: `${p.kind} ${name}`, after: null } });
      await em.flush();
      return p;
    });
  },

  /** The national bureau hands a case to another office: time used is kept, the rest runs on the new office's calendar. */
};
