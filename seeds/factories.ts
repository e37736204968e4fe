/**
 * Row factories shared by the demo data set and the tests: realistic enterprises, designations
 * and yearly statistics with valid credit codes. Pure functions of a Random, so deterministic.
 */
import { buildCreditCode, CREDIT_CODE_ALPHABET } from '../src/common/credit-code.js';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../src/context.js';
import type { PersonCategory } from '../src/modules/person/person.entity.js';
import type { OrganizationKind } from '../src/modules/organization/organization.entity.js';
import type { Random } from './random.js';
import { REGIONS } from './reference/regions.js';
import { INDUSTRIES } from './reference/industries.js';

export interface EnterpriseRow {
  creditCode: string;
  name: string;
  regionCode: string;
  industryCode: string;
  sizeClass: 'LARGE' | 'MEDIUM' | 'SMALL' | 'MICRO';
  address: string | null;
  foundedOn: string;
  exportOriented: boolean;
  industryLeader: boolean;
  standardCertifiedOn: string | null;
}

export interface DesignationRow {
  level: 'ADVANTAGE' | 'DEMONSTRATION';
  status: 'ACTIVE' | 'EXPIRED' | 'CANCELLED' | 'WITHDRAWN' | 'REVOKED';
  batchYear: number;
  validFrom: string;
  validUntil: string;
}

export interface StatisticsRow {
  year: number;
  inventionApplications: number;
  inventionGrants: number;
  utilityModelGrants: number;
  designGrants: number;
  validInventionPatents: number;
  pctApplications: number;
  patentsHeldAbroad: number;
  trademarkRegistrations: number;
  overseasTrademarks: number;
  copyrightRegistrations: number;
  standardsLed: number;
  ipStaff: number;
  licensingIncome: number;
  pledgeFinancing: number;
}

/** Where enterprises are, roughly weighted by economic size. */
const REGION_WEIGHTS: Record<string, number> = {
  '440000': 9, '440300': 8, '320000': 10, '330000': 7, '330200': 2, '370000': 6, '370200': 2, '110000': 7, '310000': 7,
  '350000': 3, '350200': 1.5, '420000': 4, '510000': 4, '340000': 4, '430000': 3, '410000': 3, '120000': 2, '500000': 2,
  '210000': 2, '210200': 1.2, '610000': 2, '130000': 2,
};

const SHORT_NAMES = new Map(REGIONS.map((r) => [r.code, r.shortName]));
const BRANDS = [
  '华创', '中科', '海纳', '联合', '恒瑞', '金蝶', '天合', '远景', '华芯', '博睿', '新宙', '众诚', '汇川', '东方', '长城', '蓝海', '瑞康', '启明',
  '星河', '鼎信', '宏图', '嘉元', '正泰', '永新', '光启', '德赛', '晶科', '思源', '明德', '安泰', '华光', '国瑞', '卓越', '智通', '鸿达', '凯盛',
  '锦程', '信达', '科瑞', '万向', '立讯', '同方', '大族', '迈瑞', '佳能达', '宇通', '天马', '九州', '海创', '云帆', '赛维', '华宇', '中天', '三友',
];
const BUSINESS: Record<string, string[]> = {
  C: ['电子科技', '精密机械', '新材料', '生物医药', '智能装备', '汽车零部件', '化工', '光电', '半导体', '医疗器械', '电气', '纺织'],
  I: ['信息技术', '软件', '网络科技', '数据科技', '智能科技'],
  M: ['科技研究', '检测技术', '工程技术', '设计'],
  D: ['能源', '电力', '新能源'],
  A: ['农业科技', '种业', '生态农业'],
  B: ['矿业'],
  E: ['建设工程', '建筑科技'],
  F: ['贸易', '供应链'],
  G: ['物流'],
  default: ['科技', '实业', '发展'],
};
const SUFFIXES = ['有限公司', '股份有限公司', '有限责任公司', '集团有限公司'];
const STREETS = ['科技园路', '高新大道', '创业路', '工业园区', '经济技术开发区', '软件园', '滨海大道', '人民路', '中山路', '建设路'];

/** Industry divisions with a weight: manufacturing and IT dominate the programme. */
const DIVISIONS = INDUSTRIES.filter((i) => i.level === 'DIVISION');
const DIVISION_WEIGHTS = DIVISIONS.map((d) => {
  const w = d.parentCode === 'C' ? 6 : d.parentCode === 'I' ? 8 : d.parentCode === 'M' ? 5 : ['D', 'A', 'B', 'E'].includes(d.parentCode!) ? 2 : 0.5;
  const hot = ['39', '38', '35', '34', '27', '26', '36', '65', '64', '73', '75'].includes(d.code) ? 6 : 1;
  return [d, w * hot] as const;
});

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function isoDate(y: number, m: number, d: number): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Adds whole years to an ISO date; the day before, so that validity is inclusive (2022-09-20 + 3y → 2025-09-19). */
export function validUntil(from: string, years: number): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A 9-character organisation body, unique for each serial number (an affine bijection modulo 31^9). */
function orgBody(serial: number): string {
  const space = 31n ** 9n;
  let n = (BigInt(serial) * 25_214_903_917n + 2_862_933_555_777n) % space; // multiplier coprime to 31
  let out = '';
  for (let i = 0; i < 9; i++) {
    out = CREDIT_CODE_ALPHABET[Number(n % 31n)]! + out;
    n /= 31n;
  }
  return out;
}

/** A valid credit code, unique per (region, serial). */
export function creditCodeFor(regionCode: string, serial: number): string {
  return buildCreditCode(regionCode, orgBody(serial));
}

export function enterpriseRow(rng: Random, serial: number, overrides: Partial<EnterpriseRow> = {}): EnterpriseRow {
  const regionCode = overrides.regionCode ?? rng.weighted(REGIONS.map((r) => [r.code, REGION_WEIGHTS[r.code] ?? 1] as const));
  const division = overrides.industryCode
    ? { code: overrides.industryCode, parentCode: INDUSTRIES.find((i) => i.code === overrides.industryCode)?.parentCode ?? 'default' }
    : rng.weighted(DIVISION_WEIGHTS);
  const business = rng.pick(BUSINESS[division.parentCode ?? 'default'] ?? BUSINESS.default!);
  const place = SHORT_NAMES.get(regionCode) === '兵团' ? '新疆' : (SHORT_NAMES.get(regionCode) ?? '');
  const sizeClass = rng.weighted([
    ['LARGE', 2],
    ['MEDIUM', 4],
    ['SMALL', 3],
    ['MICRO', 1],
  ] as const);
  const foundedYear = rng.int(1985, 2020);
  const foundedOn = isoDate(foundedYear, rng.int(1, 12), rng.int(1, 28));
  const certified = rng.chance(0.75) ? isoDate(Math.max(foundedYear + 1, rng.int(2014, 2025)), rng.int(1, 12), rng.int(1, 28)) : null;
  return {
    creditCode: creditCodeFor(regionCode, serial),
    name: `${place}${rng.pick(BRANDS)}${rng.pick(BRANDS).slice(0, 1)}${business}${rng.pick(SUFFIXES)}`,
    regionCode,
    industryCode: division.code,
    sizeClass,
    address: `${place}${rng.pick(STREETS)}${rng.int(1, 999)}号`,
    foundedOn,
    exportOriented: rng.chance(0.35),
    industryLeader: sizeClass === 'LARGE' && rng.chance(0.25),
    standardCertifiedOn: certified && certified > foundedOn ? certified : null,
    ...overrides,
  };
}

/**
 * The designation history of one enterprise, from 2019 on: an advantage cultivation period
 * (3 years), for some a later demonstration designation (announced in September), with
 * re-examination rounds, cancellations, withdrawals and revocations in plausible shares.
 * `today` decides which rounds have already been re-examined.
 */
export function designationRows(rng: Random, e: EnterpriseRow, today: string): DesignationRow[] {
  const rows: DesignationRow[] = [];
  const thisYear = Number(today.slice(0, 4));
  const roll = rng.next();
  if (roll > 0.42 && !(e.industryLeader && roll > 0.97)) return rows;
  let demoYear: number | null = null;
  if (!(e.industryLeader && roll > 0.97)) {
    const advYear = rng.int(2019, thisYear - 1);
    const from = isoDate(advYear, 12, rng.int(1, 20));
    const revoked = rng.chance(0.02);
    rows.push({ level: 'ADVANTAGE', status: revoked ? 'REVOKED' : 'ACTIVE', batchYear: advYear, validFrom: from, validUntil: validUntil(from, 3) });
    if (revoked) return rows;
    // Demonstration only after the advantage cultivation period has been completed [D 三(一)1].
    const completedYear = advYear + 3;
    if (completedYear + 1 <= thisYear && rng.chance(0.3)) demoYear = rng.int(completedYear + 1, thisYear);
  } else {
    demoYear = rng.int(2019, thisYear); // an industry leader applying directly [D 三(二)3]
  }
  if (demoYear !== null) {
    let from = isoDate(demoYear, 9, 26);
    while (from <= today) {
      const until = validUntil(from, 3);
      const batchYear = Number(from.slice(0, 4));
      if (until >= today) {
        rows.push({ level: 'DEMONSTRATION', status: rng.chance(0.02) ? 'REVOKED' : 'ACTIVE', batchYear, validFrom: from, validUntil: until });
        break;
      }
      if (addDays(until, 183) >= today) {
        // Ended less than 6 months ago: awaiting re-examination (reads as EXPIRED).
        rows.push({ level: 'DEMONSTRATION', status: 'ACTIVE', batchYear, validFrom: from, validUntil: until });
        break;
      }
      // The round ended: re-examined and filed (a new round), failed, or not filed in time [D 三(二)4].
      const outcome = rng.weighted([
        ['PASSED', 7],
        ['CANCELLED', 2],
        ['WITHDRAWN', 1],
      ] as const);
      rows.push({ level: 'DEMONSTRATION', status: outcome === 'PASSED' ? 'EXPIRED' : outcome, batchYear, validFrom: from, validUntil: until });
      if (outcome !== 'PASSED') break;
      from = addDays(until, 1);
    }
  }
  return rows;
}

/** Yearly statistics, growing with size and stage. */
export function statisticsRows(rng: Random, e: EnterpriseRow, years: readonly number[], designated: boolean): StatisticsRow[] {
  const scale = { LARGE: 40, MEDIUM: 10, SMALL: 3, MICRO: 1 }[e.sizeClass] * (designated ? 2 : 1);
  let held = Math.round(scale * rng.int(2, 8));
  return years.map((year, i) => {
    const growth = 1 + i * 0.12;
    const inventionApplications = Math.round(scale * growth * rng.int(1, 6));
    const inventionGrants = Math.round(inventionApplications * (0.3 + rng.next() * 0.3));
    held += inventionGrants;
    const pct = e.exportOriented ? Math.round(inventionApplications * rng.next() * 0.3) : rng.chance(0.2) ? rng.int(0, 2) : 0;
    return {
      year,
      inventionApplications,
      inventionGrants,
      utilityModelGrants: Math.round(scale * growth * rng.int(1, 8)),
      designGrants: Math.round(scale * rng.int(0, 3)),
      validInventionPatents: held,
      pctApplications: pct,
      patentsHeldAbroad: e.exportOriented ? Math.round(pct * rng.int(1, 4)) : 0,
      trademarkRegistrations: Math.round(scale * rng.int(0, 4)),
      overseasTrademarks: e.exportOriented ? rng.int(0, Math.ceil(scale)) : 0,
      copyrightRegistrations: ['I', 'M'].includes(INDUSTRIES.find((x) => x.code === e.industryCode)?.parentCode ?? '') ? Math.round(scale * rng.int(2, 10)) : rng.int(0, 3),
      standardsLed: rng.chance(designated ? 0.6 : 0.15) ? rng.int(1, 5) : 0,
      ipStaff: Math.max(1, Math.round(scale * 0.3 + rng.int(0, 4))),
      licensingIncome: rng.chance(0.3) ? Math.round(scale * rng.next() * 500) / 10 : 0,
      pledgeFinancing: rng.chance(0.15) ? Math.round(scale * rng.next() * 3000) / 10 : 0,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// People, organisations, accounts and training: inserts shared by the demo data set and the tests
// (through em.execute, so inside a transaction they use it). Each returns the new row's id.
// ---------------------------------------------------------------------------------------------

/** What inserting rows needs of an EntityManager. */
export interface RowWriter {
  execute(sql: string, params: unknown[], method: 'run'): Promise<unknown>;
}

export interface PersonRow {
  name: string;
  employer?: string | null;
  title?: string | null;
  expertise?: string | null;
  /** The enterprise employing the person (its staff), if any. */
  employerEnterpriseId?: string | null;
  /** The person's own jurisdiction (when not employed by an enterprise). */
  regionCode?: string | null;
  category?: `${PersonCategory}`;
  specialties?: string[];
  technicalFields?: string[];
  qualifications?: string[];
  phone?: string | null;
  email?: string | null;
  identityNumber?: string | null;
}

export async function insertPerson(em: RowWriter, row: PersonRow, id: string = uuidv7()): Promise<string> {
  await em.execute(
    `insert into person (id, created_at, updated_at, name, employer, title, expertise, employer_enterprise_id, region_code, category, specialties, technical_fields, qualifications, phone, email, identity_number)
     values (?, now(), now(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id, row.name, row.employer ?? null, row.title ?? null, row.expertise ?? null, row.employerEnterpriseId ?? null, row.regionCode ?? null, row.category ?? 'OTHER',
      JSON.stringify(row.specialties ?? []), JSON.stringify(row.technicalFields ?? []), JSON.stringify(row.qualifications ?? []), row.phone ?? null, row.email ?? null, row.identityNumber ?? null,
    ],
    'run',
  );
  return id;
}

export interface OrganizationRow {
  name: string;
  kind: `${OrganizationKind}`;
  regionCode?: string | null;
  country?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
}

export async function insertOrganization(em: RowWriter, row: OrganizationRow, id: string = uuidv7()): Promise<string> {
  await em.execute(
    `insert into service_organization (id, created_at, updated_at, name, kind, region_code, country, contact_phone, contact_email) values (?, now(), now(), ?, ?, ?, ?, ?, ?)`,
    [id, row.name, row.kind, row.regionCode ?? null, row.country ?? null, row.contactPhone ?? null, row.contactEmail ?? null],
    'run',
  );
  return id;
}

export interface UserRow {
  username: string;
  displayName?: string;
  passwordHash: string;
  role: Role;
  regionCode?: string | null;
  enterpriseId?: string | null;
  organizationId?: string | null;
  personId?: string | null;
  phone?: string | null;
  email?: string | null;
  disabled?: boolean;
}

export async function insertUser(em: RowWriter, row: UserRow, id: string = uuidv7()): Promise<string> {
  await em.execute(
    `insert into app_user (id, created_at, updated_at, username, display_name, password_hash, role, region_code, enterprise_id, organization_id, person_id, phone, email, disabled, password_changed_at, version)
     values (?, now(), now(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), 1)`,
    [id, row.username, row.displayName ?? row.username, row.passwordHash, row.role, row.regionCode ?? null, row.enterpriseId ?? null, row.organizationId ?? null, row.personId ?? null, row.phone ?? null, row.email ?? null, row.disabled ?? false],
    'run',
  );
  return id;
}

export interface ProgramRow {
  title: string;
  tier: Exclude<`${PersonCategory}`, 'OTHER'>;
  format: string;
  topics?: string[];
  hostId?: string | null;
  targetIndustryCodes?: string[];
  organizerRegionCode?: string | null;
  textbookIds?: string[];
}

export async function insertProgram(em: RowWriter, row: ProgramRow, id: string = uuidv7()): Promise<string> {
  await em.execute(
    `insert into training_program (id, created_at, updated_at, title, tier, format, topics, host_id, target_industry_codes, organizer_region_code) values (?, now(), now(), ?, ?, ?, ?, ?, ?, ?)`,
    [id, row.title, row.tier, row.format, JSON.stringify(row.topics ?? []), row.hostId ?? null, JSON.stringify(row.targetIndustryCodes ?? []), row.organizerRegionCode ?? null],
    'run',
  );
  for (const book of row.textbookIds ?? []) await em.execute(`insert into training_program_textbook (program_id, textbook_id) values (?, ?)`, [id, book], 'run');
  return id;
}

export interface SessionRow {
  programId: string;
  startsOn: string;
  endsOn: string;
  capacity: number;
  registrationClosesOn: string;
  registrationOpensOn?: string | null;
  place?: string | null;
  onlineUrl?: string | null;
  regionCode?: string | null;
  approvalRequired?: boolean;
  instructorIds?: string[];
}

export async function insertSession(em: RowWriter, row: SessionRow, id: string = uuidv7()): Promise<string> {
  await em.execute(
    `insert into training_session (id, created_at, updated_at, program_id, starts_on, ends_on, place, online_url, region_code, capacity, registration_opens_on, registration_closes_on, approval_required)
     values (?, now(), now(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [id, row.programId, row.startsOn, row.endsOn, row.place ?? (row.onlineUrl ? null : '北京'), row.onlineUrl ?? null, row.regionCode ?? null, row.capacity, row.registrationOpensOn ?? null, row.registrationClosesOn, row.approvalRequired ?? false],
    'run',
  );
  for (const person of row.instructorIds ?? []) await em.execute(`insert into training_session_instructor (session_id, person_id) values (?, ?)`, [id, person], 'run');
  return id;
}

export interface EnrolmentRow {
  sessionId: string;
  personId: string;
  /** The statuses it went through, the last being its status now. */
  statuses: string[];
  /** The employer's title on the day of the request (R18 priority). */
  priority: 'DEMONSTRATION' | 'ADVANTAGE' | 'NONE';
  requestedAt: Date;
  requestedBy: string;
}

export async function insertEnrolment(em: RowWriter, row: EnrolmentRow, id: string = uuidv7()): Promise<string> {
  const history = row.statuses.map((status) => ({ at: row.requestedAt.toISOString(), status, by: row.requestedBy }));
  await em.execute(
    `insert into enrolment (id, created_at, updated_at, session_id, person_id, status, priority, requested_at, requested_by, history) values (?, now(), now(), ?, ?, ?, ?, ?, ?, ?)`,
    [id, row.sessionId, row.personId, row.statuses.at(-1), row.priority, row.requestedAt, row.requestedBy, JSON.stringify(history)],
    'run',
  );
  return id;
}
