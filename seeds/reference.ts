import type { EntityManager } from '@mikro-orm/postgresql';
import { INDUSTRIES } from './reference/industries.js';
import { NATIONAL_BUREAU, REGIONS } from './reference/regions.js';
import { transaction } from '../src/common/transaction.js';

/**
 * Loads the reference data (regions, bureaus, industries). Idempotent: rows are inserted or
 * updated only where they differ, so a second run changes nothing. Returns the rows changed.
 */
export async function loadReferenceData(em: EntityManager): Promise<number> {
  let changed = 0;
  await transaction(em, async (tx) => {
    const run = async (sql: string, params: unknown[]) => {
      const res = await tx.execute(sql, params, 'run');
      changed += (res as { affectedRows?: number }).affectedRows ?? 0;
    };
    // Parents precede children in both lists, so foreign keys hold row by row.
    for (const r of REGIONS) {
      await run(
        `insert into region (code, name, short_name, name_en, kind, parent_code, sort_order) values (?, ?, ?, ?, ?, ?, ?)
         on conflict (code) do update set name = excluded.name, short_name = excluded.short_name, name_en = excluded.name_en,
           kind = excluded.kind, parent_code = excluded.parent_code, sort_order = excluded.sort_order
         where (region.name, region.short_name, region.name_en, region.kind, region.parent_code, region.sort_order)
           is distinct from (excluded.name, excluded.short_name, excluded.name_en, excluded.kind, excluded.parent_code, excluded.sort_order)`,
        [r.code, r.name, r.shortName, r.nameEn, r.kind, r.parentCode, r.sortOrder],
      );
    }
    const bureaus = [
      { code: NATIONAL_BUREAU.code, name: NATIONAL_BUREAU.name, level: 'NATIONAL', region: null as string | null },
      ...REGIONS.map((r) => ({ code: r.code, name: r.bureauName, level: 'PROVINCIAL', region: r.code as string | null })),
    ];
    for (const b of bureaus) {
      await run(
        `insert into bureau (code, name, level, region_code) values (?, ?, ?, ?)
         on conflict (code) do update set name = excluded.name, level = excluded.level, region_code = excluded.region_code
         where (bureau.name, bureau.level, bureau.region_code) is distinct from (excluded.name, excluded.level, excluded.region_code)`,
        [b.code, b.name, b.level, b.region],
      );
    }
    let order = 0;
    for (const i of INDUSTRIES) {
      order += 1;
      await run(
        `insert into industry (code, name, level, parent_code, sort_order) values (?, ?, ?, ?, ?)
         on conflict (code) do update set name = excluded.name, level = excluded.level, parent_code = excluded.parent_code, sort_order = excluded.sort_order
         where (industry.name, industry.level, industry.parent_code, industry.sort_order)
           is distinct from (excluded.name, excluded.level, excluded.parent_code, excluded.sort_order)`,
        [i.code, i.name, i.level, i.parentCode, order],
      );
    }
  });
  return changed;
}
