/**
 * Saved reports and frozen snapshots (docs/reporting.md, "Frozen reports"). A bureau saves a
 * statistics query; freezing runs it under the bureau's visibility, in one transaction that holds
 * the report's advisory lock (versions 1, 2, … never collide), and stores the answer with the query,
 * the data date, the data version read in the same statement and a SHA-256 checksum. A stored
 * snapshot is never changed: the database refuses updates and deletes.
 */
import { createHash } from 'node:crypto';
import type { Context } from '../../context.js';
import { assertMay } from '../../common/policy.js';
import { requireUser } from '../../common/viewer.policy.js';
import { conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { advisoryLock, transaction } from '../../common/transaction.js';
import { filteredQuery, keysetPage, type ConnectionArgs } from '../../common/pagination.js';
import { query, sql } from '../../common/sql.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { bureauJurisdiction, bureauOf } from '../liaison/liaison.policy.js';
import { newestFirst, optionalText, requiredText } from '../liaison/liaison.common.js';
import { Report, ReportSnapshot } from './report.entity.js';
import type { FreezeReportInput, SaveReportInput, UpdateReportInput } from './report.inputs.js';
import { reportingActions, reportVisibility } from './reporting.policy.js';
import { planOf, statisticsService, type StatisticsRequest } from './statistics.service.js';
import { frozenResultOf } from './statistics.shape.js';
import type { StatisticsQuery } from './statistics.types.js';

const FIELDS = ['name', 'description', 'query'] as const;

/** The query as stored: every field of StatisticsQuery, defaults filled in, nothing else. */
export function storedQuery(q: StatisticsQuery): StatisticsRequest & Record<string, unknown> {
  return {
    measures: [...q.measures],
    dimensions: [...(q.dimensions ?? [])],
    totals: q.totals ?? 'ROLLUP',
    filters: (q.filters ?? []).map((f) => ({ dimension: f.dimension, values: [...f.values] })),
    from: q.from ?? null,
    to: q.to ?? null,
    asOf: q.asOf ?? null,
    having: (q.having ?? []).map((h) => ({ measure: h.measure, op: h.op, value: h.value })),
    fillEmpty: q.fillEmpty ?? true,
  };
}

/** JSON with keys in order, so that the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The checksum of a snapshot: what was frozen, not when the row was written. */
export function checksumOf(s: Pick<ReportSnapshot, 'version' | 'name' | 'query' | 'dataDate' | 'dataVersion' | 'bureauCode' | 'result'> & { reportId: string }): string {
  const content = { report: s.reportId, version: s.version, name: s.name, query: s.query, dataDate: s.dataDate, dataVersion: s.dataVersion ?? null, bureau: s.bureauCode, result: s.result };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

async function loadForWrite(ctx: Context, em: Context['em'], globalId: string): Promise<Report> {
  const id = expectGlobalId(globalId, 'Report', 'id');
  const report = await em.findOne(Report, id);
  if (!report || !(await isVisible(ctx, id))) throw notFound('报表', globalId);
  assertMay(ctx, reportingActions.writeReports, { regionCode: report.bureauCode });
  return report;
}

async function isVisible(ctx: Context, id: string): Promise<boolean> {
  const rule = reportVisibility(ctx.viewer, ctx.clock.today(), 'r');
  const rows = await query(ctx.em, sql`select 1 from report r where r.id = ${id}::uuid${rule ? sql` and ${rule}` : sql``}`);
  return rows.length > 0;
}

/** Checks a query as `statistics` would (without running it). */
function checkQuery(ctx: Context, q: StatisticsQuery): ReturnType<typeof storedQuery> {
  const stored = storedQuery(q);
  planOf(ctx, stored, () => null);
  return stored;
}

export const reportService = {
  async save(ctx: Context, input: SaveReportInput): Promise<Report> {
    const user = requireUser(ctx);
    assertMay(ctx, reportingActions.writeReports);
    const bureauCode = bureauOf(ctx.viewer)!;
    const problems = new InputProblems();
    const name = requiredText(problems, 'name', input.name, 100);
    const description = optionalText(problems, 'description', input.description, 2000);
    problems.throwIfAny();
    const stored = checkQuery(ctx, input.query);
    return transaction(ctx.em, async (em) => {
      const report = em.create(Report, { bureauCode, name, description, query: stored, createdBy: user.username });
      recordAudit(em, ctx, { operation: 'saveReport', objectType: 'Report', objectId: report.id, jurisdiction: bureauJurisdiction(bureauCode), changes: changedFields(null, snapshot(report, FIELDS), FIELDS) });
      await em.flush();
      return report;
    });
  },

  async update(ctx: Context, input: UpdateReportInput): Promise<Report> {
    requireUser(ctx);
    assertMay(ctx, reportingActions.writeReports);
    const problems = new InputProblems();
    const name = input.name == null ? null : requiredText(problems, 'name', input.name, 100);
    const description = input.description == null ? undefined : optionalText(problems, 'description', input.description, 2000);
    problems.throwIfAny();
    const stored = input.query ? checkQuery(ctx, input.query) : null;
    return transaction(ctx.em, async (em) => {
      const report = await loadForWrite(ctx, em, input.id);
      if (report.version !== input.version) throw conflict('报表已被他人修改，请刷新后重试', { field: 'version', currentVersion: report.version });
      const before = snapshot(report, FIELDS);
      if (name !== null) report.name = name;
      if (description !== undefined) report.description = description;
      if (stored) report.query = stored;
      recordAudit(em, ctx, { operation: 'updateReport', objectType: 'Report', objectId: report.id, jurisdiction: bureauJurisdiction(report.bureauCode), changes: changedFields(before, snapshot(report, FIELDS), FIELDS) });
      await flushOrConflict(em, { stale: () => conflict('报表已被他人修改，请刷新后重试', { field: 'version' }) });
      return report;
    });
  },

  /** Computes the report now, under the bureau's visibility, and stores it as the next version. */
  async freeze(ctx: Context, input: FreezeReportInput): Promise<ReportSnapshot> {
    const user = requireUser(ctx);
    assertMay(ctx, reportingActions.writeReports);
    return transaction(ctx.em, async (em) => {
      const report = await loadForWrite(ctx, em, input.id);
      // One freeze of a report at a time: the next version is read under the lock.
      await advisoryLock(em, `report:${report.id}`);
      const [{ next }] = await query<{ next: number }>(em, sql`select coalesce(max(version), 0) + 1 as next from report_snapshot where report_id = ${report.id}::uuid`) as [{ next: number }];
      const answer = await statisticsService.statistics(ctx, report.query as unknown as StatisticsRequest);
      const dataDate = ctx.clock.today();
      const content = {
        reportId: report.id,
        version: Number(next),
        name: report.name,
        query: report.query,
        dataDate,
        dataVersion: answer.dataVersion,
        bureauCode: report.bureauCode,
        result: frozenResultOf(answer),
      };
      const { reportId, ...fields } = content;
      const frozen = em.create(ReportSnapshot, { ...fields, report: reportId, frozenBy: user.username, checksum: checksumOf(content) });
      recordAudit(em, ctx, {
        operation: 'freezeReport',
        objectType: 'ReportSnapshot',
        objectId: frozen.id,
        jurisdiction: bureauJurisdiction(report.bureauCode),
        changes: { report: { before: null, after: report.id }, version: { before: null, after: frozen.version }, checksum: { before: null, after: frozen.checksum } },
      });
      await flushOrConflict(em, { duplicate: () => conflict('该报表正在定稿，请稍后重试') });
      return frozen;
    });
  },

  async list(ctx: Context, args: ConnectionArgs) {
    assertMay(ctx, reportingActions.readReports);
    return newestFirst(ctx, Report, 'r', [reportVisibility(ctx.viewer, ctx.clock.today(), 'r')], args);
  },

  /** A report's snapshots, newest version first. */
  async snapshots(ctx: Context, reportGlobalId: string, args: ConnectionArgs) {
    assertMay(ctx, reportingActions.readReports);
    const reportId = expectGlobalId(reportGlobalId, 'Report', 'reportId');
    if (!(await isVisible(ctx, reportId))) throw notFound('报表', reportGlobalId);
    return keysetPage<ReportSnapshot>({
      query: filteredQuery(ctx.em, ReportSnapshot, 's', [sql`s.report_id = ${reportId}::uuid`, reportVisibility(ctx.viewer, ctx.clock.today(), 's')]),
      args,
      limits: ctx.config,
      orderKey: 'VERSION:DESC',
      ascending: false,
      column: 's.version',
      idColumn: 's.id',
      cast: 'int',
      property: 'version',
      value: (s) => String(s.version),
      valueOk: (v) => typeof v === 'string' && /^\d{1,9}$/.test(v),
    });
  },
};
