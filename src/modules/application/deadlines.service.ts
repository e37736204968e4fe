/**
 * The deadlines of a period that concern the viewer: windows closing and notices ending (public),
 * and the milestones of demonstration rounds and bans of the enterprises whose whole record the
 * viewer sees (enterprise.record.read: national all, provincial its jurisdiction, enterprise its own).
 */
import type { Context } from '../../context.js';
import { scopeOf } from '../../common/policy.js';
import { badInput } from '../../common/errors.js';
import { toGlobalId } from '../../common/node.js';
import { and, query, sql } from '../../common/sql.js';
import { enterpriseActions } from '../enterprise/enterprise.policy.js';
import { enterpriseRecordVisibility } from '../enterprise/enterprise.policy.js';
import { awaitingReexamination, filingDeadline, REEXAMINATION_OPENS_DAYS_BEFORE } from '../designation/designation.rules.js';
import { programmeService } from '../programme/programme.service.js';
import { addDays } from '../programme/working-days.js';
import { noticeVisibility } from './application.policy.js';
import { deadline, DeadlineKind, type Deadline } from './deadlines.types.js';

/** The longest period asked for at once (which also bounds the list). */
export const DEADLINE_PERIOD_MAX_DAYS = 366;

export const deadlineService = {
  /** Every deadline from `from` to `to` (both included, at most 366 days) in the viewer's scope, by date. */
  async between(ctx: Context, from: string, to: string): Promise<Deadline[]> {
    if (to < from || addDays(from, DEADLINE_PERIOD_MAX_DAYS) < to) throw badInput([{ field: 'to', message: `应不早于 from，且时间段不超过 ${DEADLINE_PERIOD_MAX_DAYS} 天` }]);
    const { em, viewer } = ctx;
    const today = ctx.clock.today();
    const out: Deadline[] = [];
    const windows = await query<{ year: number; closes_on: string }>(em, sql`select year, closes_on::text from application_window where closes_on between ${from}::date and ${to}::date`);
    for (const w of windows) out.push(deadline(DeadlineKind.APPLICATION_WINDOW_CLOSES, w.closes_on, `${w.year} 年度示范企业申报受理截止`, 'ApplicationWindow', String(w.year), null));
    const notices = await query<{ id: string; title: string; ends_on: string }>(
      em,
      sql`select n.id, n.title, n.ends_on::text from public_notice n where ${and(sql`n.ends_on between ${from}::date and ${to}::date and n.concluded_at is null`, noticeVisibility(viewer, today, 'n'))}`,
    );
    for (const n of notices) out.push(deadline(DeadlineKind.NOTICE_ENDS, n.ends_on, `公示结束：${n.title}`, 'PublicNotice', toGlobalId('PublicNotice', n.id), null));

    if (scopeOf(viewer, enterpriseActions.readRecord)) {
      const { filingMonths } = await programmeService.settings(em);
      // Rounds whose milestones can fall in the period: ending between from - filingMonths and to + 90 days.
      const rounds = await query<{ id: string; valid_until: string; name: string; region_code: string }>(
        em,
        sql`select d.id, d.valid_until::text, e.name, e.region_code from designation d join enterprise e on e.id = d.enterprise_id
             where ${and(
               awaitingReexamination('d'),
               sql`d.valid_until between (${from}::date - make_interval(months => ${filingMonths}::int))::date and (${to}::date + ${REEXAMINATION_OPENS_DAYS_BEFORE}::int)`,
               enterpriseRecordVisibility(viewer, today, 'd'),
             )}`,
      );
      for (const r of rounds) {
        const id = toGlobalId('Designation', r.id);
        const items: [DeadlineKind, string, string][] = [
          [DeadlineKind.REEXAMINATION_OPENS, addDays(r.valid_until, -REEXAMINATION_OPENS_DAYS_BEFORE), `可开始复核：${r.name}`],
          [DeadlineKind.ROUND_ENDS, r.valid_until, `示范企业本轮届满：${r.name}`],
          [DeadlineKind.FILING_DEADLINE, filingDeadline(r.valid_until, filingMonths), `复核备案截止：${r.name}`],
        ];
        for (const [kind, date, title] of items) if (date >= from && date <= to) out.push(deadline(kind, date, title, 'Designation', id, r.region_code));
      }
      const bans = await query<{ id: string; ends_on: string; name: string; region_code: string }>(
        em,
        sql`select b.id, b.ends_on::text, e.name, e.region_code from application_ban b join enterprise e on e.id = b.enterprise_id
             where ${and(sql`b.ends_on between ${from}::date and ${to}::date`, enterpriseRecordVisibility(viewer, today, 'b'))}`,
      );
      for (const b of bans) out.push(deadline(DeadlineKind.BAN_ENDS, b.ends_on, `禁止申报期结束：${b.name}`, 'ApplicationBan', toGlobalId('ApplicationBan', b.id), b.region_code));
    }
    return out.sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind) || a.objectId.localeCompare(b.objectId));
  },
};
