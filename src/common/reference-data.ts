import type { EntityManager } from '@mikro-orm/postgresql';
import { Bureau } from '../modules/region/bureau.entity.js';
import { Region } from '../modules/region/region.entity.js';
import { Industry } from '../modules/industry/industry.entity.js';

/**
 * Regions, bureaus and industries: small, static reference data (GB/T 2260, GB/T 4754)
 * held in memory for the life of the process so that resolvers and filters never query
 * them per row. They change only when the reference seed changes (a deployment), after
 * which the server is restarted or `reload()` is called.
 */
export class ReferenceData {
  regions: Region[] = [];
  bureaus: Bureau[] = [];
  industries: Industry[] = [];
  private regionIndex = new Map<string, Region>();
  private bureauIndex = new Map<string, Bureau>();
  private industryIndex = new Map<string, Industry>();

  static async load(em: EntityManager): Promise<ReferenceData> {
    const data = new ReferenceData();
    await data.reload(em);
    return data;
  }

  async reload(em: EntityManager): Promise<void> {
    const fork = em.fork();
    this.regions = await fork.find(Region, {}, { orderBy: { sortOrder: 'asc' } });
    this.bureaus = await fork.find(Bureau, {}, { orderBy: { code: 'asc' } });
    this.industries = await fork.find(Industry, {}, { orderBy: { sortOrder: 'asc' } });
    this.regionIndex = new Map(this.regions.map((r) => [r.code, r]));
    this.bureauIndex = new Map(this.bureaus.map((b) => [b.code, b]));
    this.industryIndex = new Map(this.industries.map((i) => [i.code, i]));
  }

  region(code: string): Region | undefined {
    return this.regionIndex.get(code);
  }

  bureau(code: string): Bureau | undefined {
    return this.bureauIndex.get(code);
  }

  industry(code: string): Industry | undefined {
    return this.industryIndex.get(code);
  }

  /** The jurisdictions directly under a region (the separately planned cities of a province, the XPCC under Xinjiang). */
  childRegions(code: string): Region[] {
    return this.regions.filter((r) => r.parent?.unwrap().code === code);
  }

  /** The codes plus, when `rollUp`, every jurisdiction below them. Unknown codes are kept (they match nothing). */
  regionCodes(codes: readonly string[], rollUp: boolean): string[] {
    const out = new Set(codes);
    if (rollUp) for (const code of codes) for (const child of this.childRegions(code)) out.add(child.code);
    return [...out];
  }

  /** A section code stands for itself and all its divisions. */
  industryCodes(codes: readonly string[]): string[] {
    const out = new Set<string>();
    for (const code of codes) {
      out.add(code);
      for (const i of this.industries) if (i.parent?.unwrap().code === code) out.add(i.code);
    }
    return [...out];
  }
}
