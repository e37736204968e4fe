/**
 * Volunteer observer enterprises [D 四(二)三] (docs/overseas.md): appointed by the national bureau
 * for the countries they observe — a demonstration enterprise first; another one with a reason —
 * one current appointment per enterprise; their reports on those countries.
 */
import type { Context } from '../../context.js';
import { assertAudience, assertMay } from '../../common/policy.js';
import { requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { transaction } from '../../common/transaction.js';
import { sql } from '../../common/sql.js';
import type { ConnectionArgs } from '../../common/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import { DesignationLevel } from '../designation/designation.entity.js';
import { titleOn } from '../designation/designation.rules.js';
import { enterpriseForWrite, newestFirst, optionalText, regionOf, requiredText } from '../liaison/liaison.common.js';
import { ObserverReport, OverseasObserver } from './observer.entity.js';
import type { AppointObserverInput, EndObserverInput, FileObserverReportInput, ObserverReportFilter } from './observer.inputs.js';
import { observerReportVisibility, overseasActions } from './overseas.policy.js';
import { isCountry } from './workstation.service.js';

export const observerService = {
  async appoint(ctx: Context, input: AppointObserverInput): Promise<OverseasObserver> {
    requireUser(ctx);
    assertMay(ctx, overseasActions.appointObserver);
    const problems = new InputProblems();
    const countryCodes = [...new Set(input.countryCodes.map((c) => c.trim().toUpperCase()))];
    if (countryCodes.length < 1 || countryCodes.length > 30) problems.add('countryCodes', '应有 1–30 个国家');
    countryCodes.forEach((c, i) => !isCountry(c) && problems.add(`countryCodes.${i}`, `“${c}”不是 ISO 3166-1 两位字母国家代码`));
    if (input.appointedOn > ctx.clock.today()) problems.add('appointedOn', '不能晚于今天');
    const reason = optionalText(problems, 'reason', input.reason, 2000);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const enterprise = await enterpriseForWrite(em, ctx, input.enterpriseId);
      const demonstration = (await titleOn(em, enterprise.id, input.appointedOn)) === DesignationLevel.DEMONSTRATION;
      // D 四(二)三: observers are chosen first among demonstration enterprises; another one needs a reason.
      if (!demonstration && !reason) throw badInput('reason', `${enterprise.name}在聘任日不是有效的示范企业：观察员企业优先从示范企业中选择，选择其他企业须说明理由`);
      const o = em.create(OverseasObserver, { enterprise, countryCodes, appointedOn: input.appointedOn, demonstration, reason });
      recordAudit(em, ctx, { operation: 'appointObserver', objectType: 'OverseasObserver', objectId: o.id, jurisdiction: regionOf(enterprise), changes: { countryCodes: { before: null, after: countryCodes } } });
      await flushOrConflict(em, { duplicate: () => conflict('该企业已是在任的观察员企业', { field: 'enterpriseId' }) });
      return o;
    });
  },

  async end(ctx: Context, input: EndObserverInput): Promise<OverseasObserver> {
    requireUser(ctx);
    assertMay(ctx, overseasActions.appointObserver);
    if (input.endedOn > ctx.clock.today()) throw badInput('endedOn', '不能晚于今天');
    return transaction(ctx.em, async (em) => {
      const o = await em.findOne(OverseasObserver, expectGlobalId(input.id, 'OverseasObserver', 'id'), { populate: ['enterprise'] });
      if (!o) throw notFound('观察员企业', input.id);
      if (o.version !== input.version) throw conflict('已被修改，请刷新后重试', { field: 'version', currentVersion: o.version });
      if (o.endedOn) throw conflict('聘任已结束', { endedOn: o.endedOn });
      if (input.endedOn < o.appointedOn) throw badInput('endedOn', `不能早于聘任日期（${o.appointedOn}）`);
      o.endedOn = input.endedOn;
      recordAudit(em, ctx, { operation: 'endObserver', objectType: 'OverseasObserver', objectId: o.id, jurisdiction: regionOf(o.enterprise.unwrap()), changes: { endedOn: { before: null, after: input.endedOn } } });
      await flushOrConflict(em, { stale: () => conflict('已被修改，请刷新后重试', { field: 'version' }) });
      return o;
    });
  },

  async file(ctx: Context, input: FileObserverReportInput): Promise<ObserverReport> {
    requireUser(ctx);
    assertAudience(ctx, overseasActions.fileObserverReport);
    const problems = new InputProblems();
    const title = requiredText(problems, 'title', input.title, 200);
    const body = requiredText(problems, 'body', input.body, 20_000);
    const countryCode = input.countryCode.trim().toUpperCase();
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const o = await em.findOne(OverseasObserver, expectGlobalId(input.observerId, 'OverseasObserver', 'observerId'));
      if (!o) throw notFound('观察员企业', input.observerId);
      assertMay(ctx, overseasActions.fileObserverReport, { enterpriseId: o.enterprise.id });
      if (o.endedOn) throw conflict('聘任已结束，不能再报送', { endedOn: o.endedOn });
      if (!o.countryCodes.includes(countryCode)) throw badInput('countryCode', `不是本企业观察的国家（${o.countryCodes.join('、')}）`);
      const r = em.create(ObserverReport, { observer: o, countryCode, title, body, reportedOn: ctx.clock.today() });
      recordAudit(em, ctx, { operation: 'fileObserverReport', objectType: 'ObserverReport', objectId: r.id, jurisdiction: null, changes: { title: { before: null, after: title } } });
      await em.flush();
      return r;
    });
  },

  /** The observers (public), newest first; `current`: those in office today. */
  observers(ctx: Context, countryCode: string | null | undefined, current: boolean, args: ConnectionArgs) {
    assertMay(ctx, overseasActions.readWorkstations);
    const code = countryCode?.trim().toUpperCase();
    if (code && !isCountry(code)) throw badInput('countryCode', '不是 ISO 3166-1 两位字母国家代码');
    return newestFirst(ctx, OverseasObserver, 'oo', [code ? sql`oo.country_codes @> jsonb_build_array(${code}::text)` : null, current ? sql`oo.ended_on is null` : null], args);
  },

  reports(ctx: Context, filter: ObserverReportFilter | null | undefined, args: ConnectionArgs) {
    assertAudience(ctx, overseasActions.readObserverReports);
    const f = filter ?? {};
    const code = f.countryCode?.trim().toUpperCase();
    const observer = f.observerId ? expectGlobalId(f.observerId, 'OverseasObserver', 'filter.observerId') : null;
    return newestFirst(ctx, ObserverReport, 'orp', [
        code ? sql`orp.country_code = ${code}` : null,
        observer ? sql`orp.observer_id = ${observer}::uuid` : null,
        observerReportVisibility(ctx.viewer, ctx.clock.today(), 'orp'),
      ], args);
  },
};


