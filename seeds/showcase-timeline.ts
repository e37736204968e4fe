/**
 * The machinery of the demo's showcase (seeds/showcase.ts): a timeline of steps, each run through
 * the services as the account that would take it in real life, with the programme's clock pinned to
 * the step's date, in date order; and the helpers the stories share (enterprises registered by their
 * bureau, self-assessments, uploaded documents, dates).
 *
 * Every step runs inside the demo loader's one transaction (each service's own transaction() becomes
 * a savepoint of it), so a load that dies half-way leaves nothing and the next start loads again.
 * The audit log's `at` is the real instant by design (docs/operations.md); the showcase is a
 * simulation of past use, so once it has run its entries are dated to their steps (request ids
 * `demo-showcase-NNNN`), and histories read like the years they describe.
 */
import { Readable } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fixedClock } from '../src/common/clock.js';
import type { ReferenceData } from '../src/common/reference-data.js';
import { toGlobalId } from '../src/common/node.js';
import type { AppConfig } from '../src/config.js';
import { ANONYMOUS, createContext, type Context, type Role, type Viewer } from '../src/context.js';
import { enterpriseService } from '../src/modules/enterprise/enterprise.service.js';
import type { SizeClass } from '../src/modules/enterprise/enterprise.entity.js';
import type { EvaluationTable } from '../src/modules/evaluation/evaluation-sheet.entity.js';
import { fileService } from '../src/modules/file/file.service.js';
import type { FileStorage } from '../src/modules/file/storage.js';
import { addDays, creditCodeFor, insertUser } from './factories.js';
import { itemScores } from './evaluation-sheets.js';

export type Act = (ctx: Context) => Promise<unknown>;

interface Step {
  date: string;
  seq: number;
  actor: string | null;
  label: string;
  act: Act;
}

/** Whole days from `a` to `b` (ISO dates). */
export function daysFrom(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The date at `fraction` (0–1) of the way from `from` to `to`. */
export function between(from: string, to: string, fraction: number): string {
  return addDays(from, Math.round(daysFrom(from, to) * fraction));
}

/** The earlier / later of two ISO dates. */
export const minDate = (a: string, b: string) => (a < b ? a : b);
export const maxDate = (a: string, b: string) => (a > b ? a : b);

/**
 * Steps of simulated use, played in date order (steps of the same day in the order they were
 * planned). A step may not lie after the demo's today: the stories decide what the dates allow.
 */
export class Timeline {
  private readonly steps: Step[] = [];
  private readonly viewers = new Map<string, Viewer>();
  /** Values steps hand to later steps (ids of what they created), by name. */
  private readonly values = new Map<string, string>();

  constructor(private readonly deps: { em: EntityManager; reference: ReferenceData; config: AppConfig; today: string }) {}

  get today(): string {
    return this.deps.today;
  }

  /** Plans `act` on `date`, as the user `actor` (null: a member of the public, not signed in). */
  on(date: string, actor: string | null, label: string, act: Act): void {
    if (date > this.deps.today) throw new Error(`showcase step "${label}" planned on ${date}, after the demo's today (${this.deps.today})`);
    this.steps.push({ date, seq: this.steps.length, actor, label, act });
  }

  set(name: string, value: string): void {
    this.values.set(name, value);
  }

  /** A value an earlier step set (a planning mistake otherwise). */
  get(name: string): string {
    const value = this.values.get(name);
    if (value === undefined) throw new Error(`showcase: "${name}" is not set yet (a step ran before the step that makes it)`);
    return value;
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** Runs every step in date order; then dates the audit entries they wrote. Returns the number of steps. */
  async play(): Promise<number> {
    const { em, reference, config } = this.deps;
    const ordered = [...this.steps].sort((a, b) => a.date.localeCompare(b.date) || a.seq - b.seq);
    const requestIds: string[] = [];
    const instants: string[] = [];
    let day = '';
    let n = 0;
    for (const [i, step] of ordered.entries()) {
      n = step.date === day ? n + 1 : 0;
      day = step.date;
      // Office hours from 09:00, a few minutes apart, so that a day's steps keep their order.
      const minutes = Math.min(9 * 60 + 4 * n, 23 * 60 + 59);
      const instant = `${step.date}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+08:00`;
      const requestId = `demo-showcase-${String(i + 1).padStart(4, '0')}`;
      const viewer = step.actor ? await this.viewer(step.actor) : ANONYMOUS;
      const ctx = createContext({ em, reference, config, clock: fixedClock(instant) }, { requestId, viewer, userAgent: 'demo-data' });
      try {
        await step.act(ctx);
        // Each step flushed its changes in its own (nested) transaction; a request forgets its
        // identity map when it ends, and so does a step (or every later flush compares them all).
        em.clear();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`demo showcase: "${step.label}" on ${step.date} as ${step.actor ?? 'the public'} failed: ${message}`, { cause: error });
      }
      requestIds.push(requestId);
      instants.push(instant);
    }
    if (requestIds.length) {
      await em.execute(
        `update audit_entry a set at = v.at
           from unnest(array[?]::text[], array[?]::timestamptz[]) as v(request_id, at)
          where a.request_id = v.request_id`,
        [requestIds, instants],
        'run',
      );
    }
    return ordered.length;
  }

  /** The signed-in viewer of a demo account, as the access token would describe it. */
  private async viewer(username: string): Promise<Viewer> {
    const known = this.viewers.get(username);
    if (known) return known;
    const [row] = await this.deps.em.execute<{ id: string; role: Role; region_code: string | null; enterprise_id: string | null; organization_id: string | null; person_id: string | null }[]>(
      'select id, role, region_code, enterprise_id, organization_id, person_id from app_user where username = ?',
      [username],
      'all',
    );
    if (!row) throw new Error(`demo showcase: no account ${username} (a step ran before the one that creates it)`);
    const viewer: Viewer = {
      kind: 'USER',
      userId: row.id,
      username,
      role: row.role,
      sessionId: `demo-${username}`,
      regionCode: row.region_code,
      enterpriseId: row.enterprise_id,
      organizationId: row.organization_id,
      personId: row.person_id,
    };
    this.viewers.set(username, viewer);
    return viewer;
  }
}

/** A showcase enterprise: its facts, and the handle of its staff account (`<handle>-ip`). */
export interface Company {
  name: string;
  handle: string;
  region: string;
  industry: string;
  size: `${SizeClass}`;
  /** Serial of its credit code within the region's first city (creditCodeFor). */
  serial: number;
  founded: string;
  /** GB/T 29490 certification date, or null (implementing). */
  certified: string | null;
  address: string;
  leader?: boolean;
  exportOriented?: boolean;
}

export const staffAccount = (c: Pick<Company, 'handle'>) => `${c.handle}-ip`;

export const creditCodeOf = (c: Pick<Company, 'region' | 'serial'>) => creditCodeFor(`${c.region.slice(0, 2)}0100`, c.serial);

/**
 * Plans the registration of a company in the directory by `bureau` on `date` (enterpriseService.create,
 * audited), and the account of its IP staff. Staff accounts are written as rows with one shared hash
 * of a password nobody knows (they cannot sign in until a bureau resets it): an Argon2 hash costs
 * ~85 ms, and two dozen of them would slow every first start; the documented demo accounts are
 * created through the user administration instead (seeds/showcase.ts).
 */
export function planRegistration(plan: Timeline, company: Company, date: string, bureau: string, staffHash: string): void {
  plan.on(date, bureau, `registers ${company.name}`, async (ctx) => {
    const e = await enterpriseService.create(ctx, {
      creditCode: creditCodeOf(company),
      name: company.name,
      regionCode: company.region,
      industryCode: company.industry,
      sizeClass: company.size as SizeClass,
      address: company.address,
      foundedOn: company.founded,
      exportOriented: company.exportOriented ?? false,
      industryLeader: company.leader ?? false,
      standardCertifiedOn: company.certified,
    });
    plan.set(`enterprise:${company.handle}`, e.id);
    await insertStaff(ctx.em, company, e.id, staffHash);
  });
}

/** The staff account of a showcase enterprise (see planRegistration). */
export async function insertStaff(em: EntityManager, company: Pick<Company, 'handle' | 'name'>, enterpriseId: string, passwordHash: string): Promise<void> {
  await insertUser(em, { username: staffAccount(company), displayName: `${company.name}知识产权专员`, passwordHash, role: 'ENTERPRISE_USER', enterpriseId });
}

/**
 * A self-assessment of totals `a` and `b`: item by item on a year that has evaluation sheets (the
 * items summing to the totals), the totals alone on a year without.
 */
export function selfAssessment(year: number, a: number, b: number, sheetYears: readonly number[]) {
  if (!sheetYears.includes(year)) return { scoreA: a, scoreB: b };
  return { indicators: [...itemScores('A', a), ...itemScores('B', b)].map(({ table, code, score }) => ({ table, code, score })) };
}

/**
 * A bureau's check of every self-assessed item of an application (advantage or demonstration):
 * the claimed scores confirmed, except those `adjust` lowers (with its reason).
 */
export async function itemChecksOf(
  ctx: Context,
  table: 'demonstration_application' | 'advantage_application',
  id: string,
  adjust: (item: { table: string; code: string; score: number }, index: number) => { by: number; reason: string } | null = () => null,
): Promise<{ table: EvaluationTable; code: string; checkedScore: number; reason?: string }[]> {
  const [row] = await ctx.em.execute<{ indicators: { table: EvaluationTable; code: string; score: number }[] }[]>(`select indicators from ${table} where id = ?`, [id], 'all');
  return (row?.indicators ?? []).map((item, i) => {
    const change = adjust(item, i);
    return change ? { table: item.table, code: item.code, checkedScore: item.score - change.by, reason: change.reason } : { table: item.table, code: item.code, checkedScore: item.score };
  });
}

/** The current version of a row (after the steps that changed it). */
export async function versionOf(ctx: Context, table: 'demonstration_application' | 'advantage_application' | 'advantage_batch' | 'recommendation_package' | 'standard_implementation', id: string): Promise<number> {
  const [row] = await ctx.em.execute<{ version: number }[]>(`select version from ${table} where id = ?`, [id], 'all');
  if (!row) throw new Error(`demo showcase: no ${table} ${id}`);
  return row.version;
}

/**
 * Stores a small PDF as the viewer would upload it (POST /files: the storage, then
 * fileService.recordUpload, audited); returns its global id.
 */
export async function uploadPdf(ctx: Context, storage: FileStorage, fileName: string, title: string): Promise<string> {
  const content = Buffer.from(`%PDF-1.4\n% ${title}（演示）\n%%EOF\n`, 'utf8');
  const stored = await storage.put(Readable.from([content]), content.length + 1);
  const file = await fileService.recordUpload(ctx, { fileName, contentType: 'application/pdf', size: stored.size, sha256: stored.sha256, storageKey: stored.key });
  return toGlobalId('StoredFile', file.id);
}
