/**
 * Consulting sessions (问诊咨询) in the showcase [D 四(三)二] (docs/consulting.md), planned on the
 * showcase's timeline (seeds/showcase-timeline.ts), each step as the account that takes it: the
 * Guangdong team (`demo-provider`, selected by the Guangdong bureau every year: seeds/showcase-service.ts)
 * offers seasons of sessions every two weeks; `demo-enterprise` (广东华创), 广东粤海 and 深圳鹏程 (a
 * Shenzhen enterprise: Guangdong's sessions take the separately planned city's enterprises) book
 * seats for their staff; the team records what it diagnosed and advised (each a CONSULTATION service
 * record); the enterprises rate the consultations.
 *
 * Relative to the demo's today T (year Y, last year L):
 * - last autumn's season (L, under the team's listing of L): five sessions from mid-October, all
 *   held: attended with diagnoses, one no-show, one booking cancelled, most rated;
 * - the current season, under the listing whose term covers T (or, in the last days of February,
 *   the next one, whose term is about to begin): up to six sessions every two weeks from about forty
 *   days ago; the past ones held and rated, the upcoming ones booked, the second of them cancelled by
 *   the team (its bookings cancelled with it).
 *
 * Like the rest of the showcase, no step lies after T − 3 (the showcase's last step); a session of
 * the last three days is booked but its outcome not yet recorded.
 * The staff of 粤海 and 鹏程 are registered by their own accounts; 华创's are the rows of seeds/demo.ts.
 */
import type { Context } from '../src/context.js';
import { toGlobalId } from '../src/common/node.js';
import { PersonCategory } from '../src/modules/person/person.entity.js';
import { personService } from '../src/modules/person/person.service.js';
import { ConsultingMode } from '../src/modules/consulting/session.entity.js';
import { sessionService } from '../src/modules/consulting/session.service.js';
import { bookingService } from '../src/modules/consulting/booking.service.js';
import { outcomeService } from '../src/modules/consulting/outcome.service.js';
import { ConsultingAttendance } from '../src/modules/consulting/booking.inputs.js';
import { RecurrenceUnitValue } from '../src/modules/consulting/consulting.rules.js';
import { addDays } from './factories.js';
import { daysFrom, maxDate, minDate, type Timeline } from './showcase-timeline.js';

const PROVIDER = 'demo-provider';
const HUACHUANG = 'demo-enterprise';
const YUEHAI = 'yuehai-ip';
const PENGCHENG = 'pengcheng-ip';
const SESSION_TIME = 'T14:30:00+08:00';
const EVERY_DAYS = 14;

export interface ConsultingShowcaseOptions {
  demo: { enterpriseId: string; providerOrganizationId: string };
}

/** A person of an enterprise's staff: [account, name]. */
type Attendee = [string, string];
const CHEN_HUA: Attendee = [HUACHUANG, '陈华'];
const LIU_YANG: Attendee = [HUACHUANG, '刘洋'];
const ZHAO_MIN: Attendee = [HUACHUANG, '赵敏'];
const WANG_QIANG: Attendee = [HUACHUANG, '王强'];
const HE_ZHIQIANG: Attendee = [YUEHAI, '何志强'];
const LIANG_XIAOWEN: Attendee = [YUEHAI, '梁晓雯'];
const CHEN_HAIFENG: Attendee = [PENGCHENG, '陈海峰'];

/** What happens to a booking: attended (with what was found and advised, and a rating or none), no-show, or cancelled by the enterprise. */
type Fate = { attended: [string, string]; rating?: [number, string] } | 'NO_SHOW' | { cancelled: string } | 'UPCOMING';

interface Planned {
  who: Attendee;
  questions: string;
  fate: Fate;
}

const FINDINGS: [string, string][] = [
  ['展品涉及的 3 项外观设计尚未在欧盟布局，参展存在被诉风险', '展前通过海牙体系提交外观设计国际申请，准备现有技术抗辩材料'],
  ['研发立项前未做专利检索，两个在研项目与竞争对手专利高度重叠', '建立立项前专利导航机制，对两个项目开展规避设计'],
  ['技术秘密与专利申请的边界不清，核心工艺参数随专利公开', '制定技术秘密与专利申请的分级决策规则，工艺参数以商业秘密保护'],
  ['专利资产未做分级评估，难以对接质押融资', '对有效专利开展分级评估，筛选 10 件左右核心专利对接评估机构和银行'],
  ['海外代理商合同缺少知识产权条款', '补充知识产权归属、侵权责任分担和通知义务条款，统一合同范本'],
];

const QUESTIONS = [
  '产品明年参加德国汉诺威展，如何提前排查侵权风险？',
  '新项目立项时怎样开展专利检索和导航？',
  '哪些技术适合申请专利，哪些适合作为商业秘密保护？',
  '企业专利怎样评估后用于质押融资？',
  '与海外代理商的合同应约定哪些知识产权条款？',
];

const gid = (type: string, id: string) => toGlobalId(type, id);

async function one<T>(ctx: Context, sql: string, params: unknown[], what: string): Promise<T> {
  const [row] = await ctx.em.execute<T[]>(sql, params, 'all');
  if (!row) throw new Error(`demo showcase (consulting): no ${what}`);
  return row;
}

/** The person of `name` on the staff of the enterprise of `account`. */
async function staffMember(ctx: Context, [account, name]: Attendee): Promise<string> {
  const row = await one<{ id: string }>(ctx, 'select p.id from person p join app_user u on u.enterprise_id = p.employer_enterprise_id where u.username = ? and p.name = ?', [account, name], `${name} of ${account}`);
  return gid('Person', row.id);
}

/** Up to two members of the team on `day` (who held the consultation). */
async function membersOn(ctx: Context, organizationId: string, day: string): Promise<string[]> {
  const rows = await ctx.em.execute<{ person_id: string }[]>(
    `select m.person_id from organization_member m join person p on p.id = m.person_id
      where m.organization_id = ? and m.starts_on <= ? and coalesce(m.ended_on, m.ends_on, ?::date) >= ? and m.role <> 'ADVISOR'
      order by m.starts_on, p.name limit 2`,
    [organizationId, day, day, day],
    'all',
  );
  return rows.map((r) => gid('Person', r.person_id));
}

/** The Guangdong bureau's listing of the team for `year`. */
async function listing(ctx: Context, organizationId: string, year: number): Promise<string> {
  const row = await one<{ id: string }>(ctx, `select id from selected_service_team where organization_id = ? and year = ? and bureau_code = '440000'`, [organizationId, year], `listing of ${year}`);
  return gid('SelectedServiceTeam', row.id);
}

/** Plans the consulting showcase (see the top of the file). */
export function planConsulting(plan: Timeline, o: ConsultingShowcaseOptions): void {
  const today = plan.today;
  const Y = Number(today.slice(0, 4));
  const L = Y - 1;
  const team = o.demo.providerOrganizationId;

  // The staff of 粤海 and 鹏程 who come to the sessions, registered by their enterprises.
  for (const [account, name, title] of [[YUEHAI, '何志强', '知识产权部经理'], [YUEHAI, '梁晓雯', '专利工程师'], [PENGCHENG, '陈海峰', '法务与知识产权总监']] as const) {
    plan.on(`${L}-10-02`, account, `registers ${name}`, async (ctx) => {
      const { enterprise_id } = await one<{ enterprise_id: string }>(ctx, 'select enterprise_id from app_user where username = ?', [account], account);
      await personService.create(ctx, { name, title, employerEnterpriseId: gid('Enterprise', enterprise_id), category: PersonCategory.IP_MANAGER });
    });
  }

  // Last autumn's season: five sessions on site, all held.
  planSeason(plan, {
    key: 'autumn',
    team,
    year: L,
    createdOn: `${L}-09-28`,
    first: `${L}-10-15`,
    count: 5,
    mode: ConsultingMode.ON_SITE,
    topics: ['海外专利布局', '展会知识产权纠纷应对', '出口产品侵权风险排查'],
    bookings: [
      [
        { who: CHEN_HUA, questions: QUESTIONS[0]!, fate: { attended: FINDINGS[0]!, rating: [5, '问题找得准，建议马上能用'] } },
        { who: HE_ZHIQIANG, questions: QUESTIONS[4]!, fate: { attended: FINDINGS[4]!, rating: [4, '条款范本很实用'] } },
      ],
      [
        { who: LIU_YANG, questions: QUESTIONS[1]!, fate: { attended: FINDINGS[1]! } },
        { who: CHEN_HAIFENG, questions: QUESTIONS[0]!, fate: { attended: FINDINGS[0]!, rating: [5, '对参展前的准备很有帮助'] } },
      ],
      [
        { who: LIANG_XIAOWEN, questions: QUESTIONS[2]!, fate: 'NO_SHOW' },
        { who: ZHAO_MIN, questions: QUESTIONS[2]!, fate: { attended: FINDINGS[2]!, rating: [3, '时间偏短，希望再约一次深入交流'] } },
      ],
      [
        { who: CHEN_HUA, questions: QUESTIONS[3]!, fate: { attended: FINDINGS[3]! } },
        { who: HE_ZHIQIANG, questions: QUESTIONS[3]!, fate: { cancelled: '当天需接待海关检查，改约下一季' } },
      ],
      [{ who: WANG_QIANG, questions: QUESTIONS[1]!, fate: { attended: FINDINGS[1]!, rating: [4, '帮助管理层理解了专利导航的作用'] } }],
    ],
  });

  // The current season: every two weeks from about forty days ago, under the listing that covers it.
  const last = lastStep(today);
  const current = currentListing(today, L, Y);
  const first = maxDate(addDays(current.termStart, 2), addDays(today, -40));
  // Arranged two weeks ahead, once the listing exists, and before the last step day (bookings follow).
  const createdOn = maxDate(addDays(current.selectedOn, 1), minDate(addDays(first, -14), addDays(last, -1)));
  const dates = Array.from({ length: 6 }, (_, i) => addDays(first, i * EVERY_DAYS)).filter((d) => d <= current.termEnd);
  const upcoming = dates.filter((d) => d >= today);
  const rotation: Planned[][] = [
    [{ who: CHEN_HUA, questions: QUESTIONS[3]!, fate: { attended: FINDINGS[3]!, rating: [5, '对接了两家评估机构'] } }, { who: HE_ZHIQIANG, questions: QUESTIONS[3]!, fate: { attended: FINDINGS[3]! } }],
    [{ who: CHEN_HAIFENG, questions: QUESTIONS[2]!, fate: { attended: FINDINGS[2]!, rating: [4, '建议清楚'] } }],
    [{ who: ZHAO_MIN, questions: QUESTIONS[4]!, fate: { attended: FINDINGS[4]!, rating: [5, '合同范本已在使用'] } }, { who: LIANG_XIAOWEN, questions: QUESTIONS[1]!, fate: 'NO_SHOW' }],
  ];
  planSeason(plan, {
    key: 'current',
    team,
    year: current.year,
    createdOn,
    first,
    count: dates.length,
    mode: ConsultingMode.ONLINE,
    topics: ['专利导航与研发立项', '商业秘密保护', '知识产权质押融资'],
    bookings: dates.map((d, i) =>
      recordable(d, today)
        ? rotation[i % rotation.length]!
        : upcoming.indexOf(d) === 1
          ? [{ who: LIU_YANG, questions: QUESTIONS[1]!, fate: 'UPCOMING' }, { who: CHEN_HAIFENG, questions: QUESTIONS[0]!, fate: 'UPCOMING' }]
          : [{ who: CHEN_HUA, questions: QUESTIONS[(i + 1) % QUESTIONS.length]!, fate: 'UPCOMING' }, { who: HE_ZHIQIANG, questions: QUESTIONS[i % QUESTIONS.length]!, fate: 'UPCOMING' }],
    ),
    // The second upcoming session (when there are two) is cancelled by the team, with its bookings.
    cancel: upcoming.length >= 2 ? { date: upcoming[1]!, reason: '主讲专家临时出国参加国际标准会议，本场取消，已预约的企业可改约下一场' } : undefined,
  });
}

/** The showcase's last step day: three days before today (seeds/showcase.ts). */
const lastStep = (today: string) => addDays(today, -3);

/** A session whose outcome is recorded (the day after it) by the last step day. */
const recordable = (date: string, today: string) => addDays(date, 1) <= lastStep(today);

/**
 * The listing the current season is offered under: the one whose term covers today; in the last weeks
 * before March, the next one once it was selected early enough to arrange the season before the last
 * step day (seeds/showcase-service.ts selects it on 20 February, or on the last step day when earlier).
 */
function currentListing(today: string, L: number, Y: number): { year: number; termStart: string; termEnd: string; selectedOn: string } {
  const next = { year: Y, termStart: `${Y}-03-01`, termEnd: `${Y + 1}-02-28`, selectedOn: minDate(`${Y}-02-20`, lastStep(today)) };
  if (today >= next.termStart) return next;
  const previous = { year: L, termStart: `${L}-03-01`, termEnd: `${Y}-02-28`, selectedOn: `${L}-02-20` };
  if (daysFrom(today, previous.termEnd) >= 45) return previous;
  return addDays(next.selectedOn, 2) <= lastStep(today) ? next : previous;
}

interface SeasonPlan {
  key: string;
  team: string;
  year: number;
  createdOn: string;
  first: string;
  count: number;
  mode: ConsultingMode;
  topics: string[];
  /** Per session, the bookings and their fates. */
  bookings: Planned[][];
  cancel?: { date: string; reason: string };
}

/** A season created by the team, its bookings, outcomes, ratings and cancellations, each on its day. */
function planSeason(plan: Timeline, s: SeasonPlan): void {
  const today = plan.today;
  const sessionKey = (i: number) => `consulting:${s.key}:${i}`;
  const bookingKey = (i: number, j: number) => `consulting:${s.key}:${i}:${j}`;
  const dates = Array.from({ length: s.count }, (_, i) => addDays(s.first, i * EVERY_DAYS));
  plan.on(s.createdOn, PROVIDER, `arranges the ${s.key} consulting season`, async (ctx) => {
    const season = await sessionService.createSeason(ctx, {
      selectionId: await listing(ctx, s.team, s.year),
      firstStartsAt: new Date(`${s.first}${SESSION_TIME}`),
      every: EVERY_DAYS / 7,
      unit: RecurrenceUnitValue.WEEK,
      count: s.count,
      durationMinutes: 120,
      topics: s.topics,
      capacity: 6,
      mode: s.mode,
      location: s.mode === ConsultingMode.ON_SITE ? '广州市天河区体育西路 广东省知识产权保护中心 3 楼会议室' : null,
      link: s.mode === ConsultingMode.ONLINE ? 'https://meeting.gdipc.example.cn/wenzhen' : null,
      note: '面向示范企业和优势企业，请带上具体问题和相关材料；每家企业每场限约 2 人。',
    });
    season.sessions.forEach((session, i) => plan.set(sessionKey(i), session.id));
  });
  const last = lastStep(today);
  dates.forEach((date, i) => {
    const held = recordable(date, today);
    (s.bookings[i] ?? []).forEach((b, j) => {
      // A week before the session (not before the season was arranged, not after the last step day).
      const bookedOn = minDate(last, maxDate(addDays(s.createdOn, 1), addDays(date, -7 + j)));
      plan.on(bookedOn, b.who[0], `books ${b.who[1]} on the ${s.key} session of ${date}`, async (ctx) => {
        const booking = await bookingService.book(ctx, { sessionId: gid('ConsultingSession', plan.get(sessionKey(i))), personId: await staffMember(ctx, b.who), questions: b.questions });
        plan.set(bookingKey(i, j), booking.id);
      });
      const fate = b.fate;
      if (typeof fate === 'object' && 'cancelled' in fate) {
        plan.on(minDate(addDays(date, -2), last), b.who[0], `cancels ${b.who[1]}'s booking of ${date}`, (ctx) => bookingService.cancel(ctx, { id: gid('ConsultingBooking', plan.get(bookingKey(i, j))), reason: fate.cancelled }));
        return;
      }
      if (!held || fate === 'UPCOMING') return;
      const recordedOn = addDays(date, 1);
      plan.on(recordedOn, PROVIDER, `records ${b.who[1]}'s consultation of ${date}`, async (ctx) => {
        const bookingId = gid('ConsultingBooking', plan.get(bookingKey(i, j)));
        if (fate === 'NO_SHOW') return outcomeService.record(ctx, { bookingId, attendance: ConsultingAttendance.NO_SHOW });
        return outcomeService.record(ctx, { bookingId, attendance: ConsultingAttendance.ATTENDED, diagnosis: fate.attended[0], advice: fate.attended[1], deliveredByIds: await membersOn(ctx, s.team, date) });
      });
      if (typeof fate === 'object' && 'attended' in fate && fate.rating) {
        const [rating, comment] = fate.rating;
        plan.on(minDate(last, addDays(date, 3)), b.who[0], `rates ${b.who[1]}'s consultation of ${date}`, (ctx) => outcomeService.rate(ctx, { bookingId: gid('ConsultingBooking', plan.get(bookingKey(i, j))), rating, comment }));
      }
    });
    if (s.cancel?.date === date) {
      const reason = s.cancel.reason;
      plan.on(last, PROVIDER, `cancels the ${s.key} session of ${date}`, async (ctx) => {
        const id = plan.get(sessionKey(i));
        const { version } = await one<{ version: number }>(ctx, 'select version from consulting_session where id = ?', [id], 'session');
        await sessionService.cancel(ctx, { id: gid('ConsultingSession', id), version, reason });
      });
    }
  });
}
