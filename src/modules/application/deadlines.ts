import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { Context } from '../../context.js';
import { isUser } from '../../common/viewer.policy.js';
import { badInput } from '../../common/errors.js';
import { toGlobalId } from '../../common/node.js';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';
import { addDays } from '../programme/working-days.js';
import { programmeService } from '../programme/programme.service.js';
import { REEXAMINATION_OPENS_DAYS_BEFORE, filingDeadline } from '../designation/reexamination.service.js';

export enum DeadlineKind {
  APPLICATION_WINDOW_CLOSES = 'APPLICATION_WINDOW_CLOSES',
  NOTICE_ENDS = 'NOTICE_ENDS',
  REEXAMINATION_OPENS = 'REEXAMINATION_OPENS',
  ROUND_ENDS = 'ROUND_ENDS',
  FILING_DEADLINE = 'FILING_DEADLINE',
  BAN_ENDS = 'BAN_ENDS',
}
registerEnumType(DeadlineKind, {
  name: 'DeadlineKind',
  description: '期限的类别。',
  valuesConfig: {
    APPLICATION_WINDOW_CLOSES: { description: '申报受理期截止（企业提交、省局推荐，R4）' },
    NOTICE_ENDS: { description: '公示期结束（R6）' },
    REEXAMINATION_OPENS: { description: '可开始复核（本轮届满前 90 天）' },
    ROUND_ENDS: { description: '本轮示范企业认定届满' },
    FILING_DEADLINE: { description: '复核备案截止（届满后 6 个月，R11）' },
    BAN_ENDS: { description: '禁止申报期结束' },
  },
});

@ObjectType('Deadline', { description: '一个期限及其对象。' })
export class Deadline {
  @Field(() => DeadlineKind, { description: '类别。' })
  kind!: DeadlineKind;

  @Field(() => DateScalar, { description: '日期。' })
  date!: string;

  @Field(() => String, { description: '说明。' })
  title!: string;

  @Field(() => String, { description: '对象类型，例如 Designation、PublicNotice、ApplicationWindow。' })
  objectType!: string;

  @Field(() => ID, { description: '对象的全局 ID（受理期为年度）。' })
  objectId!: string;

  @Field(() => RegionCodeScalar, { nullable: true, description: '对象所属辖区。' })
  regionCode!: string | null;
}

function deadline(kind: DeadlineKind, date: string, title: string, objectType: string, objectId: string, regionCode: string | null): Deadline {
  return Object.assign(new Deadline(), { kind, date, title, objectType, objectId, regionCode });
}

@Resolver()
export class DeadlineResolver {
  @Query(() => [Deadline], {
    description:
      '时间段内与请求者相关的期限，按日期排列：受理期截止和公示结束（所有人），本范围内示范企业认定的复核开始、届满、备案截止和禁止申报期结束（国家局全部、省局本辖区、企业本企业）。最长 366 天。',
  })
  async deadlines(
    @Ctx() ctx: Context,
    @Arg('from', () => DateScalar, { description: '起始日（含）。' }) from: string,
    @Arg('to', () => DateScalar, { description: '截止日（含）。' }) to: string,
  ): Promise<Deadline[]> {
    if (to < from || addDays(from, 366) < to) throw badInput([{ field: 'to', message: '应不早于 from，且时间段不超过 366 天' }]);
    const conn = ctx.em;
    const out: Deadline[] = [];
    for (const w of await conn.execute<{ year: number; closes_on: string }[]>('select year, closes_on::text from application_window where closes_on between ?::date and ?::date', [from, to])) {
      out.push(deadline(DeadlineKind.APPLICATION_WINDOW_CLOSES, w.closes_on, `${w.year} 年度示范企业申报受理截止`, 'ApplicationWindow', String(w.year), null));
    }
    for (const n of await conn.execute<{ id: string; title: string; ends_on: string }[]>('select id, title, ends_on::text from public_notice where ends_on between ?::date and ?::date and concluded_at is null', [from, to])) {
      out.push(deadline(DeadlineKind.NOTICE_ENDS, n.ends_on, `公示结束：${n.title}`, 'PublicNotice', toGlobalId('PublicNotice', n.id), null));
    }
    const v = ctx.viewer;
    if (isUser(v) && ['NATIONAL_ADMIN', 'PROVINCIAL_ADMIN', 'ENTERPRISE_USER'].includes(v.role)) {
      const scope = v.role === 'PROVINCIAL_ADMIN' ? { sql: 'and e.region_code = ?', params: [v.regionCode] } : v.role === 'ENTERPRISE_USER' ? { sql: 'and e.id = ?', params: [v.enterpriseId] } : { sql: '', params: [] };
      const { filingMonths } = await programmeService.settings(ctx.em);
      // Rounds whose milestones can fall in the period: ends between from - filingMonths and to + 90 days.
      const rounds = await conn.execute<{ id: string; valid_until: string; name: string; region_code: string }[]>(
        `select d.id, d.valid_until::text, e.name, e.region_code from designation d join enterprise e on e.id = d.enterprise_id
          where d.level = 'DEMONSTRATION' and d.status = 'ACTIVE' and d.reexamined_on is null
            and d.valid_until between (?::date - make_interval(months => ?::int))::date and (?::date + ?::int) ${scope.sql}`,
        [from, filingMonths, to, REEXAMINATION_OPENS_DAYS_BEFORE, ...scope.params],
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
      const bans = await conn.execute<{ id: string; ends_on: string; name: string; region_code: string }[]>(
        `select b.id, b.ends_on::text, e.name, e.region_code from application_ban b join enterprise e on e.id = b.enterprise_id where b.ends_on between ?::date and ?::date ${scope.sql}`,
        [from, to, ...scope.params],
      );
      for (const b of bans) out.push(deadline(DeadlineKind.BAN_ENDS, b.ends_on, `禁止申报期结束：${b.name}`, 'ApplicationBan', toGlobalId('ApplicationBan', b.id), b.region_code));
    }
    return out.sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind) || a.objectId.localeCompare(b.objectId));
  }
}
