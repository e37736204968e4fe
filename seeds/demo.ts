import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import { todayInChina } from '../src/common/scalars.js';
import { addDays, creditCodeFor, designationRows, enterpriseRow, insertEnrolment, insertOrganization, insertPerson, insertProgram, insertSession, isoDate, statisticsRows, validUntil, type OrganizationRow, type PersonRow, type ProgramRow, type RowWriter } from './factories.js';
import { loadEvaluationSheets } from './evaluation-sheets.js';
import type { FileStorage } from '../src/modules/file/storage.js';
import { ReferenceData } from '../src/common/reference-data.js';
import { Random } from './random.js';
import { loadShowcase } from './showcase.js';
import { certificateNumber } from '../src/modules/training/attendance.service.js';
import { transaction } from '../src/common/transaction.js';

export interface DemoOptions {
  /** Number of enterprises (default 2,000). */
  enterprises: number;
  /** Seed of the random generator: the same seed and date give the same data. */
  seed?: number;
  /** The date the history is generated up to (default: today in China). */
  today?: string;
  /** Where the demo's documents (a bureau's recommendation letter) go; without it, the steps that need a document are left out. */
  storage?: FileStorage;
  log?: (message: string) => void;
}

export const DEMO_META_KEY = 'demo-data';

/** The password of every demo account (documented in the README; demo data only). */
export const DEMO_PASSWORD = 'demo-password-2026';

/** Service organisations of the demo data set: [name, kind, region or null, country or null]. */
const DEMO_ORGANIZATIONS: [string, string, string | null, string | null][] = [
  ['广东省知识产权保护中心服务团队', 'SERVICE_TEAM', '440000', null],
  ['深圳市知识产权贯标服务团队', 'SERVICE_TEAM', '440300', null],
  ['北京华夏知识产权代理有限公司', 'AGENCY', '110000', null],
  ['国家知识产权培训（江苏）基地', 'TRAINING_BASE', '320000', null],
  ['国家知识产权培训（广东）基地', 'TRAINING_BASE', '440000', null],
  ['中国贸促会驻德国代表处知识产权工作站', 'OVERSEAS_STATION', null, '德国'],
  ['中国贸促会驻美国代表处知识产权工作站', 'OVERSEAS_STATION', null, '美国'],
  ['中国贸促会驻日本代表处知识产权工作站', 'OVERSEAS_STATION', null, '日本'],
  ['浙江省知识产权维权援助中心', 'RIGHTS_PROTECTION_CENTER', '330000', null],
  ['广东省知识产权维权援助中心', 'RIGHTS_PROTECTION_CENTER', '440000', null],
];

/** Several rows in one INSERT; chunks keep each statement under PostgreSQL's parameter limit. */
async function insertRows(em: EntityManager, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const chunk = Math.floor(30_000 / columns.length);
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const placeholders = part.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    await em.execute(`insert into ${table} (${columns.join(', ')}) values ${placeholders}`, part.flat(), 'run');
  }
}

/**
 * Generates the demo data set: enterprises spread over all 37 jurisdictions and the industries,
 * their designation histories from 2019 on, and five years of statistics (plain rows); then the
 * showcase, through the services as the demo accounts (seeds/showcase.ts). Deterministic for a seed
 * and a date. Runs in one transaction (the services' own become savepoints of it) and records itself
 * in system_meta last: a load that dies half-way leaves nothing, and the next start loads it again.
 */
export async function loadDemoData(
  em: EntityManager,
  options: DemoOptions,
): Promise<{ enterprises: number; designations: number; statistics: number; organizations?: number; users?: number }> {
  const rng = new Random(options.seed ?? 20_261_122);
  const today = options.today ?? todayInChina();
  const thisYear = Number(today.slice(0, 4));
  const years = [thisYear - 5, thisYear - 4, thisYear - 3, thisYear - 2, thisYear - 1];
  const log = options.log ?? (() => undefined);
  const enterprises: unknown[][] = [];
  const designations: unknown[][] = [];
  const statistics: unknown[][] = [];
  const now = new Date();
  const batch = 5_000;

  let totals: { enterprises: number; designations: number; statistics: number; organizations?: number; users?: number } = { enterprises: 0, designations: 0, statistics: 0 };
  // Read before the transaction (it takes a connection of its own): the showcase's requests need it.
  const reference = await ReferenceData.load(em);
  await transaction(em, async (tx) => {
    const flush = async () => {
      await insertRows(tx, 'enterprise', ['id', 'created_at', 'updated_at', 'credit_code', 'name', 'region_code', 'industry_code', 'size_class', 'address', 'founded_on', 'export_oriented', 'industry_leader', 'standard_certified_on', 'version'], enterprises);
      await insertRows(tx, 'designation', ['id', 'created_at', 'updated_at', 'enterprise_id', 'level', 'status', 'batch_year', 'valid_from', 'valid_until'], designations);
      await insertRows(tx, 'enterprise_statistics', ['id', 'created_at', 'updated_at', 'enterprise_id', 'year', 'invention_applications', 'invention_grants', 'utility_model_grants', 'design_grants', 'valid_invention_patents', 'pct_applications', 'patents_held_abroad', 'trademark_registrations', 'overseas_trademarks', 'copyright_registrations', 'standards_led', 'ip_staff', 'licensing_income', 'pledge_financing', 'version'], statistics);
      totals = { enterprises: totals.enterprises + enterprises.length, designations: totals.designations + designations.length, statistics: totals.statistics + statistics.length };
      enterprises.length = 0;
      designations.length = 0;
      statistics.length = 0;
      log(`demo data: ${totals.enterprises} / ${options.enterprises} enterprises`);
    };
    for (let serial = 1; serial <= options.enterprises; serial++) {
      const e = enterpriseRow(rng, serial);
      const id = uuidv7();
      enterprises.push([id, now, now, e.creditCode, e.name, e.regionCode, e.industryCode, e.sizeClass, e.address, e.foundedOn, e.exportOriented, e.industryLeader, e.standardCertifiedOn, 1]);
      const history = designationRows(rng, e, today);
      for (const d of history) designations.push([uuidv7(), now, now, id, d.level, d.status, d.batchYear, d.validFrom, d.validUntil]);
      for (const s of statisticsRows(rng, e, years, history.length > 0)) {
        statistics.push([uuidv7(), now, now, id, s.year, s.inventionApplications, s.inventionGrants, s.utilityModelGrants, s.designGrants, s.validInventionPatents, s.pctApplications, s.patentsHeldAbroad, s.trademarkRegistrations, s.overseasTrademarks, s.copyrightRegistrations, s.standardsLed, s.ipStaff, s.licensingIncome, s.pledgeFinancing, 1]);
      }
      if (serial % batch === 0) await flush();
    }
    await flush();
    const accounts = await loadDemoAccounts(tx, rng, today, now);
    totals = { ...totals, organizations: accounts.organizations };
    // Tables A and B of the evaluation index system, last year's and this year's (seeds/evaluation-sheets.ts).
    await loadEvaluationSheets(tx, [thisYear - 1, thisYear], now);
    // The showcase, through the services as the demo accounts over the past years (seeds/showcase.ts).
    const showcase = await loadShowcase(tx, { today, reference, password: DEMO_PASSWORD, demo: accounts.demo, sheetYears: [thisYear - 1, thisYear], storage: options.storage });
    totals = { ...totals, users: showcase.users };
    log(`demo data: showcase of ${showcase.steps} steps`);
    await tx.execute(
      `insert into system_meta (key, value, updated_at) values (?, ?, now())
       on conflict (key) do update set value = excluded.value, updated_at = now()`,
      [DEMO_META_KEY, JSON.stringify({ ...totals, seed: options.seed ?? 20_261_122, today })],
      'run',
    );
  });
  await em.execute('analyze enterprise, designation, enterprise_statistics');
  return totals;
}

/**
 * The records the demo accounts belong to: the demonstration enterprise of `demo-enterprise` (its
 * advantage cultivation completed; its demonstration title comes from last year's notice, in
 * seeds/showcase.ts), the service organisations, the experts and the pools, the training. The
 * accounts themselves, and the programme's steps, are made by the showcase (seeds/showcase.ts).
 */
async function loadDemoAccounts(em: EntityManager, rng: Random, today: string, now: Date) {
  const run = (sql: string, params: unknown[]) => em.execute(sql, params, 'run');
  const thisYear = Number(today.slice(0, 4));

  // A demonstration enterprise in Guangdong, valid today: advantage cultivation completed, then designated.
  const showcase = enterpriseRow(rng, 0, {
    name: '广东华创智能装备股份有限公司',
    regionCode: '440000',
    industryCode: '34',
    sizeClass: 'LARGE',
    exportOriented: true,
    industryLeader: true,
    creditCode: creditCodeFor('440100', 0),
    standardCertifiedOn: '2016-06-15',
    foundedOn: '2003-04-18',
  });
  const enterpriseId = uuidv7();
  await run(
    `insert into enterprise (id, created_at, updated_at, credit_code, name, region_code, industry_code, size_class, address, founded_on, export_oriented, industry_leader, standard_certified_on, version, contact_name, contact_phone, contact_email, internal_notes)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`,
    [enterpriseId, now, now, showcase.creditCode, showcase.name, showcase.regionCode, showcase.industryCode, showcase.sizeClass, '广州市黄埔区科学大道 88 号', showcase.foundedOn, true, true, showcase.standardCertifiedOn,
      '李华', '020-88886666', 'ip@huachuang.example.cn', '2024 年重点培育对象；海外专利布局需求较多。'],
  );
  const advFrom = isoDate(thisYear - 6, 12, 1);
  await run(
    `insert into designation (id, created_at, updated_at, enterprise_id, level, status, batch_year, valid_from, valid_until) values (?, ?, ?, ?, 'ADVANTAGE', 'ACTIVE', ?, ?, ?)`,
    [uuidv7(), now, now, enterpriseId, Number(advFrom.slice(0, 4)), advFrom, validUntil(advFrom, 3)],
  );

  for (const st of statisticsRows(rng, showcase, [thisYear - 5, thisYear - 4, thisYear - 3, thisYear - 2, thisYear - 1], true)) {
    await run(
      `insert into enterprise_statistics (id, created_at, updated_at, enterprise_id, year, invention_applications, invention_grants, utility_model_grants, design_grants, valid_invention_patents, pct_applications, patents_held_abroad, trademark_registrations, overseas_trademarks, copyright_registrations, standards_led, ip_staff, licensing_income, pledge_financing, version)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
      [uuidv7(), now, now, enterpriseId, st.year, st.inventionApplications, st.inventionGrants, st.utilityModelGrants, st.designGrants, st.validInventionPatents, st.pctApplications, st.patentsHeldAbroad, st.trademarkRegistrations, st.overseasTrademarks, st.copyrightRegistrations, st.standardsLed, st.ipStaff, st.licensingIncome, st.pledgeFinancing],
    );
  }

  const organizations = new Map<string, string>();
  for (const [name, kind, region, country] of DEMO_ORGANIZATIONS) {
    organizations.set(name, await insertOrganization(em, { name, kind: kind as OrganizationRow['kind'], regionCode: region, country, contactPhone: '010-6208' + String(rng.int(1000, 9999)) }));
  }
  const personId = await insertPerson(em, {
    name: '张明', employer: '中国知识产权研究会', title: '研究员', expertise: '专利导航、海外知识产权布局', phone: '13800138000', email: 'zhangming@example.cn',
    identityNumber: '110101198001010011', regionCode: '110000', category: 'OTHER',
    specialties: ['PATENT_ANALYSIS_NAVIGATION', 'OVERSEAS_PROTECTION'], technicalFields: ['G06F', 'H04L'], qualifications: ['专利代理师'],
  });
  // Talent pools [D 四(四)一]: the expert admitted to the expert pool and the advisory committee; the
  // showcase enterprise's IP director in the expert pool and nominated to the leading-talent pool.
  const director = await insertPerson(em, {
    name: '陈华', employer: '广东华创智能装备股份有限公司', title: '知识产权总监', employerEnterpriseId: enterpriseId, regionCode: '440000', category: 'IP_MANAGER',
    specialties: ['STRATEGY', 'LICENSING_TRANSACTIONS'], technicalFields: ['B23K', 'G05B'], qualifications: ['专利管理职业资格'], phone: '13900139000', email: 'chenhua@example.cn',
  });
  const memberships: [string, string, string, string, string | null, string | null][] = [
    [personId, 'EXPERT_POOL', 'ADMITTED', 'NONE', `${thisYear - 1}-01-01`, `${thisYear + 2}-12-31`],
    [personId, 'EXPERT_ADVISORY_COMMITTEE', 'ADMITTED', 'NONE', `${thisYear - 1}-01-01`, `${thisYear + 2}-12-31`],
    [personId, 'FACULTY_POOL', 'ADMITTED', 'NONE', `${thisYear - 3}-01-01`, `${thisYear + 2}-12-31`],
    [director, 'EXPERT_POOL', 'ADMITTED', 'DEMONSTRATION', `${thisYear}-01-01`, `${thisYear + 2}-12-31`],
    [director, 'LEADING_TALENT_POOL', 'NOMINATED', 'DEMONSTRATION', null, null],
  ];
  for (const [pid, pool, status, level, start, end] of memberships) {
    await run(
      `insert into pool_membership (id, created_at, updated_at, person_id, pool, status, employer_level, reason, nominated_by, nominator_role, nominated_at, term_start, term_end, version)
       values (?, ?, ?, ?, ?, ?, ?, '业务能力突出，长期从事企业知识产权工作', 'guangdong-admin', 'PROVINCIAL_ADMIN', ?, ?, ?, 1)`,
      [uuidv7(), now, now, pid, pool, status, level, now, start, end],
    );
  }

  await loadDemoTraining(run, today, now, { director, instructor: personId, enterpriseId, organizations });

  return {
    organizations: organizations.size,
    demo: {
      enterpriseId,
      expertPersonId: personId,
      providerOrganizationId: organizations.get('广东省知识产权保护中心服务团队')!,
      trainingBaseOrganizationId: organizations.get('国家知识产权培训（广东）基地')!,
    },
  };
}

/** Whether the demo data set has been loaded into this database before. */
export async function demoDataLoaded(em: EntityManager): Promise<boolean> {
  const rows = await em.execute<{ key: string }[]>('select key from system_meta where key = ?', [DEMO_META_KEY]);
  return rows.length > 0;
}

/**
 * Tiered training [D 四(四)二, A 四(四)], over three years: volumes of the training series; programs
 * of each tier, two delivered by national IP training bases and one set up by the Guangdong bureau for
 * export-oriented manufacturers; past sessions the showcase enterprise's staff completed (attendance
 * every day, verifiable certificates) in each of the last three years; an upcoming course in Shenzhen
 * its IP director is booked on (all taught by the demo expert from the faculty pool); an online forum
 * for senior executives; and an upcoming practitioner course needing the host's approval, with one
 * request waiting for review and one approved.
 */
async function loadDemoTraining(
  run: (sql: string, params: unknown[]) => Promise<unknown>,
  today: string,
  now: Date,
  demo: { director: string; instructor: string; enterpriseId: string; organizations: Map<string, string> },
) {
  const thisYear = Number(today.slice(0, 4));
  const rows: RowWriter = { execute: (sql, params) => run(sql, params) };
  const textbook = async (title: string, tier: string | null, topics: string[]) => {
    const id = uuidv7();
    await run(`insert into training_textbook (id, created_at, updated_at, title, edition, tier, editors, publisher, published_year, isbn, topics) values (?, ?, ?, ?, '第1版', ?, '国家知识产权局专利管理司 组织编写', '知识产权出版社', ?, null, ?)`,
      [id, now, now, title, tier, thisYear - 2, JSON.stringify(topics)]);
    return id;
  };
  const program = (title: string, tier: ProgramRow['tier'], format: string, topics: string[], extra: { host?: string; industries?: string[]; organizer?: string; textbooks?: string[] } = {}) =>
    insertProgram(rows, { title, tier, format, topics, hostId: extra.host, targetIndustryCodes: extra.industries, organizerRegionCode: extra.organizer, textbookIds: extra.textbooks });
  const session = (programId: string, startsOn: string, endsOn: string, capacity: number, where: { place?: string; onlineUrl?: string; regionCode?: string; approval?: boolean }) =>
    insertSession(rows, {
      programId, startsOn, endsOn, capacity, place: where.place ?? null, onlineUrl: where.onlineUrl, regionCode: where.regionCode,
      registrationClosesOn: addDays(startsOn, -7), approvalRequired: where.approval, instructorIds: [demo.instructor],
    });
  // The showcase enterprise's title on a day: advantage until its cultivation ended, demonstration from its designation (see loadDemoAccounts).
  const level = (day: string) => (day >= isoDate(thisYear - 1, 9, 26) ? 'DEMONSTRATION' : day <= validUntil(isoDate(thisYear - 6, 12, 1), 3) ? 'ADVANTAGE' : 'NONE');
  const enrol = (sessionId: string, personId: string, statuses: string[], at: string) =>
    insertEnrolment(rows, { sessionId, personId, statuses, priority: level(at), requestedAt: new Date(`${at}T09:00:00+08:00`), requestedBy: 'demo-enterprise' });
  /** A finished session the person completed: present every day, a certificate issued on the last day. */
  const completedCourse = async (programId: string, title: string, tier: string, personId: string, holder: string, startsOn: string, endsOn: string, where: { place?: string; onlineUrl?: string; regionCode?: string }) => {
    const sessionId = await session(programId, startsOn, endsOn, 40, where);
    const enrolment = await enrol(sessionId, personId, ['BOOKED', 'COMPLETED'], addDays(startsOn, -20));
    for (let day = startsOn; day <= endsOn; day = addDays(day, 1)) {
      await run(`insert into attendance (id, created_at, updated_at, enrolment_id, day, present) values (?, ?, ?, ?, ?, true)`, [uuidv7(), now, now, enrolment, day]);
    }
    await run(`insert into certificate (id, created_at, updated_at, number, enrolment_id, holder_name, program_title, tier, starts_on, ends_on, issued_on) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [uuidv7(), now, now, certificateNumber(endsOn.slice(0, 4)), enrolment, holder, title, tier, startsOn, endsOn, endsOn]);
  };
  const staff = (name: string, title: string, category: PersonRow['category']) =>
    insertPerson(rows, { name, employer: '广东华创智能装备股份有限公司', title, employerEnterpriseId: demo.enterpriseId, regionCode: '440000', category });

  const managementBook = await textbook('企业知识产权管理实务', 'IP_MANAGER', ['知识产权管理体系', '专利布局与运营']);
  const strategyBook = await textbook('企业知识产权战略管理', 'SENIOR_EXECUTIVE', ['知识产权战略', '标准与专利融合']);
  const practiceBook = await textbook('专利信息分析与导航实务', 'IP_PRACTITIONER', ['专利检索', '专利导航']);
  await textbook('企业海外知识产权风险防控', null, ['海外纠纷应对', '337 调查']);

  const guangdongBase = demo.organizations.get('国家知识产权培训（广东）基地')!;
  const jiangsuBase = demo.organizations.get('国家知识产权培训（江苏）基地')!;
  const managers = await program('企业知识产权管理实务培训班', 'IP_MANAGER', 'MANAGEMENT_TRAINING', ['知识产权管理体系', '专利布局与运营', '海外纠纷应对'], { host: guangdongBase, textbooks: [managementBook] });
  const forum = await program('企业经理人知识产权战略论坛', 'SENIOR_EXECUTIVE', 'MANAGER_FORUM', ['知识产权战略与企业竞争力', '标准与专利融合'], { textbooks: [strategyBook] });
  const industry = await program('装备制造产业专利实务培训班', 'IP_PRACTITIONER', 'INDUSTRY_PRACTICE', ['专利挖掘与布局', '专利信息分析', '法律事务'], { host: jiangsuBase, industries: ['34', '35'], textbooks: [practiceBook] });
  const exportPractice = await program('外向型企业海外知识产权实务培训班', 'IP_PRACTITIONER', 'EXPORT_PRACTICE', ['海外专利布局', '资本运作', '法律事务'], { industries: ['C'], organizer: '440000', textbooks: [practiceBook] });

  const executive = await staff('王强', '总经理', 'SENIOR_EXECUTIVE');
  const practitioner = await staff('刘洋', '专利工程师', 'IP_PRACTITIONER');
  const newcomer = await staff('赵敏', '知识产权专员', 'IP_PRACTITIONER');

  // One finished course in each of the last three years.
  const twoYearsAgo = isoDate(thisYear - 2, 6, 16);
  await completedCourse(forum, '企业经理人知识产权战略论坛', 'SENIOR_EXECUTIVE', executive, '王强', twoYearsAgo, twoYearsAgo, { onlineUrl: 'https://training.example.cn/forum' });
  await completedCourse(industry, '装备制造产业专利实务培训班', 'IP_PRACTITIONER', practitioner, '刘洋', isoDate(thisYear - 1, 11, 12), isoDate(thisYear - 1, 11, 14), { place: '南京市（国家知识产权培训（江苏）基地）', regionCode: '320000' });
  await completedCourse(managers, '企业知识产权管理实务培训班', 'IP_MANAGER', demo.director, '陈华', addDays(today, -60), addDays(today, -58), { place: '广州市天河区（广东省知识产权保护中心）', regionCode: '440000' });

  const upcoming = await session(managers, addDays(today, 30), addDays(today, 31), 30, { place: '深圳市南山区（深圳市知识产权保护中心）', regionCode: '440300' });
  await enrol(upcoming, demo.director, ['BOOKED'], addDays(today, -5));
  await session(forum, addDays(today, 45), addDays(today, 45), 300, { onlineUrl: 'https://training.example.cn/forum' });
  // Needs the host's approval (the Guangdong bureau): one request waiting, one approved; seats follow when registration closes.
  const approval = await session(exportPractice, addDays(today, 28), addDays(today, 30), 20, { place: '广州市黄埔区（广东省知识产权保护中心）', regionCode: '440000', approval: true });
  await enrol(approval, practitioner, ['REQUESTED', 'APPROVED'], addDays(today, -3));
  await enrol(approval, newcomer, ['REQUESTED'], addDays(today, -1));
}
