/**
 * Patent navigation projects [D 四(一)一 "建立专利导航决策机制", A 二(一)] (docs/navigation.md): an
 * enterprise's project for one decision area, done by itself or a service organisation; milestones;
 * analysis reports (files), which the enterprise may publish to the public catalogue; the decision it
 * fed and its outcome; a status history. A bureau selects pilot projects (专利导航工作试点) for a year.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertAudience, assertMay } from '../../common/policy.js';
import { isNational, jurisdictionOf, organizationOf, requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound } from '../../common/errors.js';
import { expectGlobalId, toGlobalId } from '../../common/node.js';
import { transaction } from '../../common/transaction.js';
import { anyOf, query, sql, type Sql } from '../../common/sql.js';
import { filteredQuery, keysetPage, type ConnectionArgs } from '../../common/pagination.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { attachments } from '../service/service.rules.js';
import { bureauOf } from '../service/service.policy.js';
import { enterpriseForWrite, isInstant, newestFirst, recordFilter, regionOf, requiredText, optionalText } from '../liaison/liaison.common.js';
import { NavigationProject, NavigationProjectStatus, NavigationReport, PROJECT_MOVES, type ProjectMilestone } from './project.entity.js';
import type {
  AdvanceNavigationProjectInput,
  CreateNavigationProjectInput,
  NavigationMilestoneInput,
  NavigationProjectFilter,
  NavigationReportFilter,
  PublishNavigationReportInput,
  SelectNavigationPilotInput,
  SubmitNavigationReportInput,
  UpdateNavigationProjectInput,
} from './project.inputs.js';
import { NavigationPilot } from './project.inputs.js';
import { navigationActions, projectVisibility, reportVisibility } from './navigation.policy.js';
import { checkIpcClasses } from './navigation.rules.js';

const FIELDS = ['title', 'objective', 'ipcClasses', 'milestones', 'status', 'startedOn', 'decision', 'decidedOn', 'outcome', 'closedOn', 'cancelReason', 'pilotYear', 'pilotBureauCode'] as const;
const FINAL = [NavigationProjectStatus.CLOSED, NavigationProjectStatus.CANCELLED];

function checkMilestones(problems: InputProblems, raw: readonly NavigationMilestoneInput[] | null | undefined, today: string): ProjectMilestone[] {
  return (raw ?? []).map((m, i) => {
    const title = requiredText(problems, `milestones.${i}.title`, m.title, 100);
    if (m.doneOn && m.doneOn > today) problems.add(`milestones.${i}.doneOn`, '不能晚于今天');
    return { title, dueOn: m.dueOn, doneOn: m.doneOn ?? null };
  });
}

const facts = (p: NavigationProject) => ({ enterpriseId: p.enterprise.id, regionCode: regionOf(p.enterprise.unwrap()), organizationId: p.organization?.id ?? null });

async function loadProject(ctx: Context, em: EntityManager, globalId: string, field = 'id'): Promise<NavigationProject> {
  const id = expectGlobalId(globalId, 'NavigationProject', field);
  const rule = projectVisibility(ctx.viewer, ctx.clock.today(), 'np');
  const [row] = await query<{ id: string }>(em, sql`select np.id from navigation_project np where np.id = ${id}::uuid${rule ? sql` and ${rule}` : sql``} for update`);
  if (!row) throw notFound('专利导航项目', globalId);
  return em.findOneOrFail(NavigationProject, row.id, { refresh: true, populate: ['enterprise'] });
}

async function loadForWrite(ctx: Context, em: EntityManager, globalId: string, version: number): Promise<NavigationProject> {
  const p = await loadProject(ctx, em, globalId);
  assertMay(ctx, navigationActions.writeProject, facts(p));
  if (p.version !== version) throw conflict('项目已被修改，请刷新后重试', { field: 'version', currentVersion: p.version });
  return p;
}

const audit = (em: EntityManager, ctx: Context, operation: string, p: NavigationProject, before: Record<string, unknown> | null) =>
  recordAudit(em, ctx, { operation, objectType: 'NavigationProject', objectId: p.id, jurisdiction: regionOf(p.enterprise.unwrap()), changes: changedFields(before, snapshot(p, FIELDS), FIELDS) });
const stale = () => conflict('已被修改，请刷新后重试', { field: 'version' });

export const projectService = {
  async create(ctx: Context, input: CreateNavigationProjectInput): Promise<NavigationProject> {
    const user = requireUser(ctx);
    assertAudience(ctx, navigationActions.writeProject);
    const today = ctx.clock.today();
    const problems = new InputProblems();
    const title = requiredText(problems, 'title', input.title, 200);
    const objective = requiredText(problems, 'objective', input.objective, 2000);
    const ipcClasses = checkIpcClasses(problems, 'ipcClasses', input.ipcClasses, { min: 1 });
    const milestones = checkMilestones(problems, input.milestones, today);
    // A provider's project is its own analysis; the others name the provider, if any.
    const own = organizationOf(ctx.viewer);
    const organizationId = own ?? (input.organizationId ? expectGlobalId(input.organizationId, 'ServiceOrganization', 'organizationId') : null);
    if (own && input.organizationId && expectGlobalId(input.organizationId, 'ServiceOrganization', 'organizationId') !== own) problems.add('organizationId', '服务机构只能为本机构承担的分析立项');
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const enterprise = await enterpriseForWrite(em, ctx, input.enterpriseId);
      assertMay(ctx, navigationActions.writeProject, { enterpriseId: enterprise.id, regionCode: regionOf(enterprise), organizationId });
      const organization = organizationId ? await em.findOne(ServiceOrganization, organizationId) : null;
      if (organizationId && !organization) throw badInput('organizationId', '未找到该服务机构');
      const p = em.create(NavigationProject, {
        enterprise,
        organization,
        title,
        area: input.area,
        objective,
        ipcClasses,
        milestones,
        createdBy: user.username,
        history: [{ at: ctx.clock.now().toISOString(), by: user.username, status: NavigationProjectStatus.PLANNED }],
      });
      audit(em, ctx, 'createNavigationProject', p, null);
      await em.flush();
      return p;
    });
  },

  async update(ctx: Context, input: UpdateNavigationProjectInput): Promise<NavigationProject> {
    requireUser(ctx);
    assertAudience(ctx, navigationActions.writeProject);
    const problems = new InputProblems();
    const title = input.title != null ? requiredText(problems, 'title', input.title, 200) : undefined;
    const objective = input.objective != null ? requiredText(problems, 'objective', input.objective, 2000) : undefined;
    const ipcClasses = input.ipcClasses != null ? checkIpcClasses(problems, 'ipcClasses', input.ipcClasses, { min: 1 }) : undefined;
    const milestones = input.milestones != null ? checkMilestones(problems, input.milestones, ctx.clock.today()) : undefined;
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const p = await loadForWrite(ctx, em, input.id, input.version);
      if (FINAL.includes(p.status)) throw conflict('结项或撤销的项目不能再修改', { status: p.status });
      const before = snapshot(p, FIELDS);
      if (title !== undefined) p.title = title;
      if (objective !== undefined) p.objective = objective;
      if (ipcClasses !== undefined) p.ipcClasses = ipcClasses;
      if (milestones !== undefined) p.milestones = milestones;
      audit(em, ctx, 'updateNavigationProject', p, before);
      await flushOrConflict(em, { stale });
      return p;
    });
  },

  /** One move of the project's status (PROJECT_MOVES), with what it requires. */
  async advance(ctx: Context, input: AdvanceNavigationProjectInput): Promise<NavigationProject> {
    const user = requireUser(ctx);
    assertAudience(ctx, navigationActions.writeProject);
    const today = ctx.clock.today();
    const on = input.on ?? today;
    const problems = new InputProblems();
    const text = optionalText(problems, 'text', input.text, 2000);
    if (on > today) problems.add('on', '不能晚于今天');
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const p = await loadForWrite(ctx, em, input.id, input.version);
      if (!PROJECT_MOVES[p.status].includes(input.status)) throw conflict(`项目不能从 ${p.status} 改为 ${input.status}`, { status: p.status, allowed: PROJECT_MOVES[p.status] });
      const before = snapshot(p, FIELDS);
      const need = (what: string) => {
        if (!text) throw badInput('text', `须填写${what}`);
        return text;
      };
      const notBefore = (date: string | null | undefined, what: string) => {
        if (date && on < date) throw badInput('on', `不能早于${what}（${date}）`);
      };
      switch (input.status) {
        case NavigationProjectStatus.ANALYSING:
          p.startedOn = on;
          break;
        case NavigationProjectStatus.REPORTED: {
          const [{ n }] = (await query<{ n: string }>(em, sql`select count(*) as n from navigation_report where project_id = ${p.id}::uuid`)) as [{ n: string }];
          if (Number(n) === 0) throw conflict('须先提交分析报告（submitNavigationReport）', { reports: 0 });
          break;
        }
        case NavigationProjectStatus.DECIDED:
          notBefore(p.startedOn, '开始日');
          p.decision = need('所支撑的决策');
          p.decidedOn = on;
          break;
        case NavigationProjectStatus.CLOSED:
          notBefore(p.decidedOn, '决策日');
          p.outcome = need('成效');
          p.closedOn = on;
          break;
        case NavigationProjectStatus.CANCELLED:
          p.cancelReason = need('撤销理由');
          break;
        default:
          break;
      }
      p.status = input.status;
      p.history = [...p.history, { at: ctx.clock.now().toISOString(), by: user.username, status: p.status, note: text }];
      audit(em, ctx, 'advanceNavigationProject', p, before);
      await flushOrConflict(em, { stale });
      return p;
    });
  },

  async submitReport(ctx: Context, input: SubmitNavigationReportInput): Promise<NavigationReport> {
    const user = requireUser(ctx);
    assertAudience(ctx, navigationActions.writeProject);
    const problems = new InputProblems();
    const title = requiredText(problems, 'title', input.title, 200);
    const summary = requiredText(problems, 'summary', input.summary, 2000);
    if (input.deliveredOn > ctx.clock.today()) problems.add('deliveredOn', '不能晚于今天');
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const p = await loadProject(ctx, em, input.projectId, 'projectId');
      assertMay(ctx, navigationActions.writeProject, facts(p));
      if (p.status === NavigationProjectStatus.PLANNED || FINAL.includes(p.status)) throw conflict('项目开始分析后、结项或撤销前才能提交分析报告', { status: p.status });
      const files = await attachments(em, ctx, input.attachmentIds ?? [], { enterpriseId: p.enterprise.id, organizationId: p.organization?.id ?? p.enterprise.id });
      const r = em.create(NavigationReport, { project: p, title, summary, deliveredOn: input.deliveredOn, attachmentIds: files, submittedBy: user.username });
      recordAudit(em, ctx, { operation: 'submitNavigationReport', objectType: 'NavigationReport', objectId: r.id, jurisdiction: regionOf(p.enterprise.unwrap()), changes: { title: { before: null, after: title }, project: { before: null, after: toGlobalId('NavigationProject', p.id) } } });
      // A new report is news to the project's readers: its version moves too.
      p.updatedAt = ctx.clock.now();
      await flushOrConflict(em, { stale });
      return r;
    });
  },

  async publishReport(ctx: Context, input: PublishNavigationReportInput): Promise<NavigationReport> {
    requireUser(ctx);
    assertAudience(ctx, navigationActions.publishReport);
    return transaction(ctx.em, async (em) => {
      const id = expectGlobalId(input.id, 'NavigationReport', 'id');
      const rule = reportVisibility(ctx.viewer, ctx.clock.today(), 'nr');
      const [row] = await query<{ id: string }>(em, sql`select nr.id from navigation_report nr where nr.id = ${id}::uuid${rule ? sql` and ${rule}` : sql``}`);
      if (!row) throw notFound('分析报告', input.id);
      const r = await em.findOneOrFail(NavigationReport, row.id, { refresh: true, populate: ['project', 'project.enterprise'] });
      const p = r.project.unwrap();
      assertMay(ctx, navigationActions.publishReport, facts(p));
      if (r.version !== input.version) throw conflict('报告已被修改，请刷新后重试', { field: 'version', currentVersion: r.version });
      const before = r.publishedAt ?? null;
      r.publishedAt = input.published ? (r.publishedAt ?? ctx.clock.now()) : null;
      recordAudit(em, ctx, { operation: 'publishNavigationReport', objectType: 'NavigationReport', objectId: r.id, jurisdiction: regionOf(p.enterprise.unwrap()), changes: { publishedAt: { before, after: r.publishedAt } } });
      await flushOrConflict(em, { stale });
      return r;
    });
  },

  /** A bureau selects a project of its jurisdiction (the national bureau any) as a pilot for a year, or takes its own selection back. */
  async selectPilot(ctx: Context, input: SelectNavigationPilotInput): Promise<NavigationProject> {
    const user = requireUser(ctx);
    assertAudience(ctx, navigationActions.selectPilot);
    const year = Number(ctx.clock.today().slice(0, 4));
    if (!Number.isInteger(input.year) || input.year < year - 1 || input.year > year + 1) throw badInput('year', `试点年度应为 ${year - 1}–${year + 1} 年`);
    return transaction(ctx.em, async (em) => {
      const p = await loadProject(ctx, em, input.projectId, 'projectId');
      assertMay(ctx, navigationActions.selectPilot, { regionCode: regionOf(p.enterprise.unwrap()) });
      const before = snapshot(p, FIELDS);
      const bureau = bureauOf(ctx.viewer)!;
      if (input.selected) {
        if (p.status === NavigationProjectStatus.CANCELLED) throw conflict('已撤销的项目不能入选试点', { status: p.status });
        if (p.pilotYear != null && p.pilotYear !== input.year) throw conflict(`该项目已入选 ${p.pilotYear} 年试点`, { pilotYear: p.pilotYear });
        // Already this year's pilot: nothing changes (the selecting bureau stays the one that selected it).
        if (p.pilotYear === input.year) return p;
        Object.assign(p, { pilotYear: input.year, pilotBureauCode: bureau, pilotSelectedAt: ctx.clock.now() });
      } else {
        if (p.pilotYear !== input.year) throw conflict(`该项目不是 ${input.year} 年的试点`, { pilotYear: p.pilotYear ?? null });
        if (!isNational(ctx.viewer) && p.pilotBureauCode !== jurisdictionOf(ctx.viewer)) throw conflict('入选由作出遴选的局或国家局撤销', { pilotBureauCode: p.pilotBureauCode });
        Object.assign(p, { pilotYear: null, pilotBureauCode: null, pilotSelectedAt: null });
      }
      p.history = [...p.history, { at: ctx.clock.now().toISOString(), by: user.username, status: p.status, note: input.selected ? `入选 ${input.year} 年专利导航试点` : `撤销 ${input.year} 年试点入选` }];
      audit(em, ctx, 'selectNavigationPilot', p, before);
      await flushOrConflict(em, { stale });
      return p;
    });
  },

  list(ctx: Context, filter: NavigationProjectFilter | null | undefined, args: ConnectionArgs) {
    assertAudience(ctx, navigationActions.readProject);
    const f = filter ?? {};
    const organizationId = f.organizationId ? expectGlobalId(f.organizationId, 'ServiceOrganization', 'filter.organizationId') : null;
    return newestFirst(ctx, NavigationProject, 'np', [
        ...recordFilter(ctx, 'np', f),
        organizationId ? sql`np.organization_id = ${organizationId}::uuid` : null,
        f.areas?.length ? anyOf(sql`np.area`, f.areas) : null,
        f.status?.length ? anyOf(sql`np.status`, f.status) : null,
        f.pilotYear != null ? sql`np.pilot_year = ${f.pilotYear}::int` : null,
        projectVisibility(ctx.viewer, ctx.clock.today(), 'np'),
      ], args);
  },

  /** The public list of pilot projects: every year's, or one year's; newest selection first. */
  async pilots(ctx: Context, year: number | null | undefined, regionCodes: readonly string[] | null | undefined, args: ConnectionArgs) {
    assertMay(ctx, navigationActions.readCatalogue);
    const where: (Sql | null)[] = [
      sql`np.pilot_year is not null`,
      sql`np.status <> 'CANCELLED'`,
      year != null ? sql`np.pilot_year = ${year}::int` : null,
      regionCodes?.length ? anyOf(sql`(select pe.region_code from enterprise pe where pe.id = np.enterprise_id)`, ctx.reference.regionCodes([...regionCodes], true)) : null,
    ];
    const page = await keysetPage<NavigationProject>({
      query: filteredQuery(ctx.em, NavigationProject, 'np', where),
      args,
      limits: ctx.config,
      orderKey: 'PILOT_SELECTED_AT:DESC',
      property: 'pilotSelectedAt',
      column: 'np.pilot_selected_at',
      idColumn: 'np.id',
      cast: 'timestamptz',
      ascending: false,
      value: (p) => p.pilotSelectedAt!.toISOString(),
      valueOk: isInstant,
    });
    return {
      ...page,
      edges: page.edges.map((e) => ({
        cursor: e.cursor,
        node: Object.assign(new NavigationPilot(), { projectId: toGlobalId('NavigationProject', e.node.id), title: e.node.title, area: e.node.area, year: e.node.pilotYear!, bureauCode: e.node.pilotBureauCode!, enterpriseId: e.node.enterprise.id }),
      })),
    };
  },

  /** Analysis reports: the public catalogue (published ones) and, for those who see a project, its reports. */
  reports(ctx: Context, filter: NavigationReportFilter | null | undefined, args: ConnectionArgs) {
    assertMay(ctx, navigationActions.readCatalogue);
    const f = filter ?? {};
    const projectId = f.projectId ? expectGlobalId(f.projectId, 'NavigationProject', 'filter.projectId') : null;
    const search = f.search?.trim();
    if (search && [...search].length > 50) throw badInput('filter.search', '至多 50 字');
    return newestFirst(ctx, NavigationReport, 'nr', [
        projectId ? sql`nr.project_id = ${projectId}::uuid` : null,
        f.areas?.length ? sql`exists (select 1 from navigation_project ap where ap.id = nr.project_id and ${anyOf(sql`ap.area`, f.areas)})` : null,
        f.publishedOnly ? sql`nr.published_at is not null` : null,
        search ? sql`(nr.title ilike ${`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} or nr.summary ilike ${`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`})` : null,
        reportVisibility(ctx.viewer, ctx.clock.today(), 'nr'),
      ], args);
  },
};
