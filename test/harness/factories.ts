/** Test data through the same factories as the demo data set. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Random } from '../../seeds/random.js';
import { enterpriseRow, type DesignationRow, type EnterpriseRow, type StatisticsRow } from '../../seeds/factories.js';
import { Enterprise } from '../../src/modules/enterprise/enterprise.entity.js';
import { Designation } from '../../src/modules/designation/designation.entity.js';
import { EnterpriseStatistics } from '../../src/modules/enterprise/enterprise-statistics.entity.js';

let serial = 900_000;

export function randomFor(seed: number): Random {
  return new Random(seed);
}

/** Inserts an enterprise built by the demo factory, with overrides. */
export async function makeEnterprise(em: EntityManager, rng: Random, overrides: Partial<EnterpriseRow> = {}): Promise<Enterprise> {
  const row = enterpriseRow(rng, serial++, overrides);
  const fork = em.fork();
  const e = fork.create(Enterprise, {
    creditCode: row.creditCode,
    name: row.name,
    region: row.regionCode,
    industry: row.industryCode,
    sizeClass: row.sizeClass as Enterprise['sizeClass'],
    address: row.address,
    foundedOn: row.foundedOn,
    exportOriented: row.exportOriented,
    industryLeader: row.industryLeader,
    standardCertifiedOn: row.standardCertifiedOn,
  });
  await fork.flush();
  return e;
}

export async function makeDesignation(em: EntityManager, enterprise: Enterprise, row: DesignationRow): Promise<Designation> {
  const fork = em.fork();
  const d = fork.create(Designation, { enterprise: enterprise.id, ...row } as never);
  await fork.flush();
  return d as Designation;
}

export async function makeStatistics(em: EntityManager, enterprise: Enterprise, row: Partial<StatisticsRow> & { year: number }): Promise<EnterpriseStatistics> {
  const fork = em.fork();
  const s = fork.create(EnterpriseStatistics, { enterprise: enterprise.id, ...row });
  await fork.flush();
  return s;
}
