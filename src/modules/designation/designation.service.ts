import type { Context } from '../../context.js';
import { factsOf, hasFullEnterpriseAccess } from '../enterprise/enterprise.policy.js';
import type { Enterprise } from '../enterprise/enterprise.entity.js';
import type { Transition } from '../audit/history.js';
import type { ApplicationBan } from './ban.entity.js';
import type { Designation } from './designation.entity.js';
import type { RevocationIncident } from './incident.entity.js';
import { ReexaminationRecord } from './reexamination.inputs.js';

/** The ban in force on `date` (the one ending last), or null. */
export function banInForceOn(bans: readonly ApplicationBan[], date: string): ApplicationBan | null {
  return bans.filter((b) => b.startsOn <= date && date <= b.endsOn).sort((a, b) => b.endsOn.localeCompare(a.endsOn))[0] ?? null;
}

/** What hangs off an enterprise's designations, read through the loaders and the enterprise's whole-record rule. */
export const designationService = {
  /** A designation's transitions, with its enterprise's whole record only; else null. */
  async historyOf(ctx: Context, d: Designation): Promise<Transition[] | null> {
    const e = await ctx.loaders.enterprise.visibleById.load(d.enterprise.id);
    if (!e || !hasFullEnterpriseAccess(ctx.viewer, factsOf(e))) return null;
    return ctx.loaders.audit.historyByObject.load(`Designation:${d.id}`);
  },

  /** What the re-examination found, with the enterprise's whole record only; null before it (or without that access). */
  async reexaminationOf(ctx: Context, d: Designation): Promise<ReexaminationRecord | null> {
    if (!d.reexaminedOn || d.reexaminationPassed == null) return null;
    const e = await ctx.loaders.enterprise.visibleById.load(d.enterprise.id);
    if (!e || !hasFullEnterpriseAccess(ctx.viewer, factsOf(e))) return null;
    const wanted = new Set(d.reexaminationIncidentIds ?? []);
    const incidents = wanted.size ? (await ctx.loaders.designation.incidentsByEnterprise.load(e.id)).filter((i) => wanted.has(i.id)) : [];
    return Object.assign(new ReexaminationRecord(), {
      reexaminedOn: d.reexaminedOn,
      passed: d.reexaminationPassed,
      notes: d.reexaminationNotes ?? '',
      scoreA: d.reexaminationScoreA ?? null,
      scoreB: d.reexaminationScoreB ?? null,
      incidents,
    });
  },

  async incidentsOf(ctx: Context, e: Enterprise): Promise<RevocationIncident[] | null> {
    return hasFullEnterpriseAccess(ctx.viewer, factsOf(e)) ? ctx.loaders.designation.incidentsByEnterprise.load(e.id) : null;
  },

  async bansOf(ctx: Context, e: Enterprise): Promise<ApplicationBan[] | null> {
    return hasFullEnterpriseAccess(ctx.viewer, factsOf(e)) ? ctx.loaders.designation.bansByEnterprise.load(e.id) : null;
  },

  /** The ban in force on `asOf` (default today), or null; null too without the whole record. */
  async activeBanOf(ctx: Context, e: Enterprise, asOf: string | null | undefined): Promise<ApplicationBan | null> {
    const bans = await designationService.bansOf(ctx, e);
    return bans ? banInForceOn(bans, asOf ?? ctx.clock.today()) : null;
  },
};
