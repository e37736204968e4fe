/** What the overseas tests share: the coded error of a result, the case mutations, and titled enterprises. */
import type { TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, type randomFor } from '../harness/factories.js';

export function errorOf(result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }): { code: string } & Record<string, unknown> {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  return { ...(error.extensions ?? {}), code: String(error.extensions?.code) };
}

/** The case mutations, each answering the case with `fields`. */
export function caseMutations(fields: string) {
  const on = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { protectionCase { ${fields} } } }`;
  return {
    REPORT: on('reportProtectionCase', 'ReportProtectionCaseInput'),
    ADVANCE: on('advanceProtectionCase', 'AdvanceProtectionCaseInput'),
    WAIT: on('waitOnEnterprise', 'WaitOnEnterpriseInput'),
    RESUME: on('resumeProtectionCase', 'ResumeProtectionCaseInput'),
    WITHDRAW: on('withdrawProtectionCase', 'WithdrawProtectionCaseInput'),
    REASSIGN: on('reassignProtectionCase', 'ReassignProtectionCaseInput'),
    NOTE: `mutation($input: AddCaseNoteInput!) { addCaseNote(input: $input) { event { kind side } protectionCase { ${fields} } } }`,
  };
}

export const SET_WS = `mutation($input: SetOverseasWorkstationInput!) { setOverseasWorkstation(input: $input) { workstation { id version } } }`;
export const CALENDAR = `mutation($input: SetWorkstationCalendarInput!) { setWorkstationCalendar(input: $input) { days { day } } }`;

/** A demonstration enterprise and an untitled one in Guangdong, an advantage enterprise in Jiangsu. */
export async function titledEnterprises(t: TestApp, rng: ReturnType<typeof randomFor>): Promise<{ demo: string; adv: string; untitled: string }> {
  const e = await makeEnterprise(t.orm.em, rng, { regionCode: '440000' });
  await makeDesignation(t.orm.em, e, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
  const a = await makeEnterprise(t.orm.em, rng, { regionCode: '320000' });
  await makeDesignation(t.orm.em, a, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-06-01', validUntil: '2028-05-31' });
  const untitled = (await makeEnterprise(t.orm.em, rng, { regionCode: '440000' })).id;
  return { demo: e.id, adv: a.id, untitled };
}
