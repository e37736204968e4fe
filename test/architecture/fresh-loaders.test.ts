/**
 * A mutation's payload never shows what a loader cached before the change: after each mutation
 * field the request gets a fresh set of loaders (src/schema.ts), with no clearing by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import { insertPerson, insertProgram, insertSession } from '../../seeds/factories.js';

describe('fresh loaders after each mutation', () => {
  let t: TestApp;
  let session: string;
  const people: string[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-11-22');
    const e = await makeEnterprise(t.orm.em, randomFor(8), { regionCode: '320000' });
    const program = await insertProgram(t.orm.em, { title: '管理人员实务', tier: 'IP_MANAGER', format: 'MANAGEMENT_TRAINING' });
    session = toGlobalId('TrainingSession', await insertSession(t.orm.em, { programId: program, startsOn: '2026-12-10', endsOn: '2026-12-11', capacity: 5, registrationClosesOn: '2026-12-01', regionCode: '320000' }));
    for (const name of ['甲', '乙']) people.push(toGlobalId('Person', await insertPerson(t.orm.em, { name, employerEnterpriseId: e.id, category: 'IP_MANAGER' })));
  });
  afterAll(() => t.close());

  it('two enrolments in one operation: each payload counts the seats after its own change', async () => {
    const result = await t.ok(
      `mutation($s: ID!, $a: ID!, $b: ID!) {
        first: enrol(input: { sessionId: $s, personId: $a }) { enrolment { status session { seatsLeft } } }
        second: enrol(input: { sessionId: $s, personId: $b }) { enrolment { status session { seatsLeft } } }
      }`,
      { s: session, a: people[0], b: people[1] },
    );
    expect(result.first.enrolment).toEqual({ status: 'BOOKED', session: { seatsLeft: 4 } });
    // The seat count was loaded (and cached) for the first payload; the second sees its own change.
    expect(result.second.enrolment).toEqual({ status: 'BOOKED', session: { seatsLeft: 3 } });
  });
});
