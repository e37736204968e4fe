/**
 * Exports (docs/reporting.md, "Exports"). createExport checks what is asked as the viewer, stores a
 * job and, when it is small (a statistics result, a snapshot, a list of at most INLINE_ROWS rows),
 * makes the file at once; otherwise the job runner of this process makes it (the oldest pending
 * first, one at a time, claimed with a single UPDATE so that two processes never take the same
 * job; a job left RUNNING by a killed process is taken again after STALE_MINUTES). The file goes to
 * the file storage; its owner fetches it at GET /exports/:id until it expires.
 */
import type { GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AppConfig } from '../../config.js';
import { createContext, type Context } from '../../context.js';
import type { Clock } from '../../common/clock.js';
import type { ReferenceData } from '../../common/reference-data.js';
import { AppError, badInput, notFound } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { assertMay } from '../../common/policy.js';
import { query, run, sql } from '../../common/sql.js';
import { transaction } from '../../common/transaction.js';
import { requireUser } from '../../common/viewer.policy.js';
import type { ConnectionArgs } from '../../common/pagination.js';
import { newestFirst } from '../liaison/liaison.common.js';
import type { FileStorage } from '../file/storage.js';
import { User } from '../account/user.entity.js';
import { viewerOf } from '../account/sessions.js';
import { ExportFormat, ExportJob, ExportKind } from './export.entity.js';
import { renderTable, type ExportTable } from './export.format.js';
import { limitsOf, listTable, prepareList, statisticsTable, type ListSpec } from './export.tables.js';
import { exportVisibility, reportingActions, reportVisibility } from './reporting.policy.js';
import { ReportSnapshot } from './report.entity.js';
import { resultFrom, resultOf } from './statistics.shape.js';
import { statisticsService, type StatisticsRequest } from './statistics.service.js';
import { storedQuery } from './report.service.js';
import type { CreateExportInput } from './export.inputs.js';

/** Lists up to this many rows are made during the request; larger ones by the runner. */
export const INLINE_ROWS = 1_000;
/** Hours a file is kept. */
export const EXPORT_TTL_HOURS = 24;
const STALE_MINUTES = 15;
const MAX_FILE_BYTES = 512 * 1_048_576;

/** What the runner needs, set once by the app (src/app.ts). */
export interface ExportRuntime {
  orm: MikroORM;
  config: AppConfig;
  reference: ReferenceData;
  clock?: Clock;
  storage: FileStorage;
  schema: () => Promise<GraphQLSchema>;
  log: { error(obj: object, msg: string): void };
}

/** The runner of one app (its ORM), found again through the configuration its forks share. */
class ExportRunner {
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  stopped = false;
  constructor(readonly rt: ExportRuntime) {}

  start(rounds: boolean): void {
    if (!rounds) return;
    this.timer = setInterval(() => void this.drain(), 60_000);
    this.timer.unref();
    void this.drain();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.draining?.catch(() => undefined);
  }

  /** Expired files go; jobs a killed process left RUNNING go back to the queue; then every pending job is made. */
  drain(): Promise<void> {
    this.draining ??= (async () => {
      try {
        const em = this.rt.orm.em.fork();
        const expired = await query<{ storage_key: string }>(
          em,
          sql`with old as (select id, storage_key from export_job where expires_at < now() and storage_key is not null for update skip locked)
            update export_job x set storage_key = null from old where x.id = old.id returning old.storage_key`,
        );
        for (const e of expired) if (e.storage_key) await this.rt.storage.remove(e.storage_key).catch(() => undefined);
        await run(em, sql`update export_job set status = 'PENDING' where status = 'RUNNING' and started_at < now() - make_interval(mins => ${STALE_MINUTES})`);
        for (;;) {
          const [next] = await query<{ id: string }>(em, sql`select id from export_job where status = 'PENDING' order by created_at limit 1`);
          if (!next || this.stopped) break;
          await processJob(this.rt, next.id);
        }
      } catch (error) {
        if (!this.stopped) this.rt.log.error({ err: error }, 'export runner failed');
      } finally {
        this.draining = null;
      }
    })();
    return this.draining;
  }
}

const runners = new WeakMap<object, ExportRunner>();

/** Starts the export runner of an app (src/app.ts); the returned function stops it. */
export function startExports(deps: ExportRuntime, options: { rounds: boolean }): () => Promise<void> {
  const runner = new ExportRunner(deps);
  runners.set(deps.orm.config, runner);
  runner.start(options.rounds);
  return () => runner.stop();
}

function runnerOf(ctx: Pick<Context, 'em'>): ExportRunner {
  const runner = runners.get(ctx.em.config);
  if (!runner || runner.stopped) throw new Error('exports: the runner of this app is not started');
  return runner;
}

const MIME: Record<ExportFormat, string> = { CSV: 'text/csv; charset=utf-8', XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
export const contentTypeOf = (format: ExportFormat) => MIME[format];

function safeName(name: string, format: ExportFormat): string {
  const base = name.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_').trim().slice(0, 100) || '导出';
  return `${base}.${format.toLowerCase()}`;
}

/** The table a job reads, as its owner (a fresh context per list page: loaders do not outlive a page). */
async function tableOf(job: ExportJob, ctx: () => Context, schema: () => Promise<GraphQLSchema>): Promise<ExportTable> {
  const spec = job.spec as { query?: StatisticsRequest; snapshotId?: string; list?: ListSpec; title: string };
  if (job.kind === ExportKind.STATISTICS) return statisticsTable(spec.title, resultOf(await statisticsService.statistics(ctx(), spec.query!), null));
  if (job.kind === ExportKind.SNAPSHOT) {
    const c = ctx();
    const rule = reportVisibility(c.viewer, c.clock.today(), 's');
    const [row] = await query<{ id: string }>(c.em, sql`select s.id from report_snapshot s where s.id = ${spec.snapshotId!}::uuid${rule ? sql` and ${rule}` : sql``}`);
    if (!row) throw notFound('报表定稿');
    const snapshot = await c.em.findOneOrFail(ReportSnapshot, row.id);
    return statisticsTable(spec.title, resultFrom(snapshot.result));
  }
  return listTable(await schema(), ctx, spec.list!, spec.title, ctx().config.pageSizeMax);
}

/** Makes the file of a pending job (if this process claims it). */
export async function processJob(rt: ExportRuntime, id: string): Promise<void> {
  const em = rt.orm.em.fork();
  const claimed = await run(em, sql`update export_job set status = 'RUNNING', started_at = now() where id = ${id}::uuid and status = 'PENDING'`);
  if (!claimed) return;
  const job = await em.findOneOrFail(ExportJob, id, { refresh: true });
  try {
    const user = await em.findOne(User, job.ownerId, { populate: ['region', 'enterprise', 'organization', 'person'] as never });
    if (!user || user.disabled) throw new AppError('FORBIDDEN', '账号已停用');
    const viewer = viewerOf(user, `export:${job.id}`);
    const ctx = () => createContext({ em: rt.orm.em.fork(), reference: rt.reference, config: rt.config, clock: rt.clock }, { viewer, requestId: `export-${job.id}` });
    const table = await tableOf(job, ctx, rt.schema);
    const { stream, done } = renderTable(table, job.format);
    const [stored, counted] = await Promise.all([rt.storage.put(stream, MAX_FILE_BYTES), done]);
    await run(
      em,
      sql`update export_job set status = 'READY', finished_at = now(), row_count = ${counted.rows}, truncated = ${counted.truncated}, storage_key = ${stored.key},
        bytes = ${stored.size}, sha256 = ${stored.sha256} where id = ${id}::uuid`,
    );
  } catch (error) {
    const message = error instanceof AppError ? error.message : '导出失败，请稍后重试';
    if (!(error instanceof AppError)) rt.log.error({ err: error, exportId: id }, 'export failed');
    await run(em, sql`update export_job set status = 'FAILED', finished_at = now(), error = ${message} where id = ${id}::uuid`);
  }
}

export const exportService = {
  async create(ctx: Context, input: CreateExportInput): Promise<ExportJob> {
    const user = requireUser(ctx);
    assertMay(ctx, reportingActions.exportData);
    const given = [input.statistics, input.snapshotId, input.list].filter((x) => x != null).length;
    if (given !== 1) throw badInput('input', '须且只能给出 statistics、snapshotId、list 之一');
    let kind: ExportKind;
    let spec: Record<string, unknown>;
    let inline = true;
    if (input.statistics) {
      kind = ExportKind.STATISTICS;
      const stored = storedQuery(input.statistics);
      // Checked (and counted) now, as the viewer: a bad query is refused before any job exists.
      await statisticsService.statistics(ctx, stored);
      spec = { query: stored, title: input.fileName ?? '统计' };
    } else if (input.snapshotId) {
      kind = ExportKind.SNAPSHOT;
      const id = expectGlobalId(input.snapshotId, 'ReportSnapshot', 'snapshotId');
      const rule = reportVisibility(ctx.viewer, ctx.clock.today(), 's');
      const [row] = await query<{ name: string; version: number }>(ctx.em, sql`select s.name, s.version from report_snapshot s where s.id = ${id}::uuid${rule ? sql` and ${rule}` : sql``}`);
      if (!row) throw notFound('报表定稿', input.snapshotId);
      spec = { snapshotId: id, title: input.fileName ?? `${row.name}（第${row.version}版）` };
    } else {
      kind = ExportKind.LIST;
      const list: ListSpec = { field: input.list!.field, arguments: input.list!.arguments ?? {}, columns: [...input.list!.columns] };
      const schema = await runnerOf(ctx).rt.schema();
      prepareList(schema, list, limitsOf(ctx));
      const total = await countList(schema, ctx, list);
      inline = total <= INLINE_ROWS;
      spec = { list, title: input.fileName ?? list.field };
    }
    const job = await transaction(ctx.em, async (em) => {
      const created = em.create(ExportJob, {
        ownerId: user.userId,
        kind,
        format: input.format,
        spec,
        fileName: safeName(String(spec.title), input.format),
        expiresAt: new Date(Date.now() + EXPORT_TTL_HOURS * 3_600_000),
      });
      await em.flush();
      return created;
    });
    const runner = runnerOf(ctx);
    if (inline) await processJob(runner.rt, job.id);
    else void runner.drain();
    return ctx.em.findOneOrFail(ExportJob, job.id, { refresh: true });
  },

  async list(ctx: Context, args: ConnectionArgs) {
    requireUser(ctx);
    return newestFirst(ctx, ExportJob, 'x', [exportVisibility(ctx.viewer, ctx.clock.today(), 'x')], args);
  },

  /** The viewer's own job by global id, or null (anyone else's is as good as missing). */
  async findOwn(ctx: Context, globalId: string): Promise<ExportJob | null> {
    let id: string;
    try {
      id = expectGlobalId(globalId, 'ExportJob', 'id');
    } catch {
      return null;
    }
    const rule = exportVisibility(ctx.viewer, ctx.clock.today(), 'x');
    const [row] = await query<{ id: string }>(ctx.em, sql`select x.id from export_job x where x.id = ${id}::uuid${rule ? sql` and ${rule}` : sql``}`);
    return row ? ctx.em.findOne(ExportJob, row.id, { refresh: true }) : null;
  },

  open(ctx: Context, job: ExportJob) {
    return runnerOf(ctx).rt.storage.open(job.storageKey!);
  },
};

/** The list's totalCount, as the viewer. */
async function countList(schema: GraphQLSchema, ctx: Context, list: ListSpec): Promise<number> {
  const { execute, parse } = await import('graphql');
  const prepared = prepareList(schema, list, limitsOf(ctx));
  const text = `query Count($first: Int!${prepared.document.definitions[0] && 'variableDefinitions' in prepared.document.definitions[0] ? (prepared.document.definitions[0].variableDefinitions ?? []).filter((d) => d.variable.name.value.startsWith('a_')).map((d) => `, $${d.variable.name.value}: ${printType(d.type)}`).join('') : ''}) {
    list: ${list.field}(first: $first${Object.keys(list.arguments).map((k) => `, ${k}: $a_${k}`).join('')}) { totalCount } }`;
  const result = await execute({ schema, document: parse(text), variableValues: { ...prepared.variables, first: 1 }, contextValue: ctx });
  // A coded error (the list refused the viewer, or its arguments) is the answer; anything else is unexpected and masked.
  const error = result.errors?.[0];
  if (error) throw error.originalError instanceof AppError ? error.originalError : error.originalError ?? new Error(error.message);
  return (result.data as { list: { totalCount: number } }).list.totalCount;
}

function printType(type: import('graphql').TypeNode): string {
  if (type.kind === 'NonNullType') return `${printType(type.type)}!`;
  if (type.kind === 'ListType') return `[${printType(type.type)}]`;
  return type.name.value;
}
