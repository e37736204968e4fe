/** Steps of the application flow shared by the lifecycle tests. */
import { randomUUID } from 'node:crypto';
import { as, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Random } from '../../seeds/random.js';

export const SAVE = `mutation($input: SaveDemonstrationApplicationInput!) { saveDemonstrationApplication(input: $input) { application { id version } } }`;
export const SUBMIT = `mutation($input: SubmitDemonstrationApplicationInput!) { submitDemonstrationApplication(input: $input) { application { id version status } } }`;
export const REVIEW = `mutation($input: ReviewApplicationByProvinceInput!) { reviewApplicationByProvince(input: $input) { application { id version status recommendationRank provincialRejectionReason provincialReviewer } } }`;
export const PACKAGE = `mutation($input: SaveRecommendationPackageInput!) { saveRecommendationPackage(input: $input) { package { id year version } } }`;

/** `n` enterprises of the region holding an advantage designation valid in 2026 (they set the quota). */
export async function advantagePool(t: TestApp, rng: Random, regionCode: string, n: number) {
  for (let i = 0; i < n; i++) {
    const e = await makeEnterprise(t.orm.em, rng, { regionCode });
    await makeDesignation(t.orm.em, e, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-12-01', validUntil: '2028-11-30' });
  }
}

/** An eligible enterprise of the region with a submitted 2026 application. */
export async function submitted(t: TestApp, rng: Random, regionCode: string, route: 'PROVINCIAL' | 'DIRECT' = 'PROVINCIAL') {
  const e = await makeEnterprise(t.orm.em, rng, { regionCode, industryLeader: route === 'DIRECT' });
  await makeDesignation(t.orm.em, e, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2021, validFrom: '2021-12-01', validUntil: '2024-11-30' });
  const viewer = as.enterprise(e.id);
  const input = { enterpriseId: toGlobalId('Enterprise', e.id), year: 2026, route, formContent: '申报书', workFoundation: '基础', goalsAndTasks: '目标', measures: '措施', scoreA: 80, scoreB: 85 };
  const draft = (await t.ok(SAVE, { input }, viewer)).saveDemonstrationApplication.application;
  const app = (await t.ok(SUBMIT, { input: { id: draft.id, version: draft.version } }, viewer)).submitDemonstrationApplication.application as { id: string; version: number };
  return { ...app, enterprise: e };
}

/** The bureau's letter (as if uploaded through POST /files) and its plan for 2026. */
export async function fileRecommendationPackage(t: TestApp, regionCode: string) {
  const fileId = randomUUID();
  await t.sql(
    `insert into stored_file (id, created_at, updated_at, file_name, content_type, size, sha256, storage_key, uploaded_by, region_code) values (?, now(), now(), '推荐函.pdf', 'application/pdf', 10, ?, ?, ?, ?)`,
    [fileId, 'a'.repeat(64), `${fileId.slice(0, 2)}/${fileId}`, randomUUID(), regionCode],
  );
  const plan = { goals: '培育目标', workPlan: '工作计划', organization: '组织管理', policySupport: '政策支持', funding: '资金保障', supervision: '督导检查' };
  return t.ok(PACKAGE, { input: { year: 2026, letterFileId: toGlobalId('StoredFile', fileId), ...plan } }, as.provincial(regionCode));
}

export const recommend = (t: TestApp, app: { id: string; version: number }, region: string) =>
  t.gql(REVIEW, { input: { id: app.id, version: app.version, decision: 'RECOMMEND' } }, as.provincial(region));
