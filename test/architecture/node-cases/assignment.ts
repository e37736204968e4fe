/**
 * The Node cases of liaison officers and their assignments [D 五(一), R17] for
 * test/architecture/node-implementations.test.ts: a Jiangsu officer, its assignment to a Jiangsu
 * demonstration enterprise, its declared conflict, a plan of the Jiangsu bureau.
 */
import { toGlobalId } from '../../../src/common/node.js';
import { as } from '../../harness/app.js';
import { makeDesignation } from '../../harness/factories.js';
import { assign, demonstrationEnterprise, registerOfficer } from '../../assignment/fixtures.js';
import { JS, type Case } from './world.js';

export const ASSIGNMENT_CASES: Record<string, Case> = {
  LiaisonOfficer: {
    create: async ({ t }) => (await registerOfficer(t, { bureau: JS, regions: [JS] })).id,
    seenBy: ['national', 'jiangsu'],
    hiddenFrom: ['anonymous', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  LiaisonAssignment: {
    // The world's enterprise (the 'enterprise' viewer) gets a Jiangsu officer.
    create: async ({ t, enterpriseId }) => {
      const officer = await registerOfficer(t, { bureau: JS, regions: [JS], capacity: 50 });
      const existing = await t.sql<{ n: number }>(`select count(*)::int as n from designation where enterprise_id = ? and level = 'DEMONSTRATION' and status = 'ACTIVE' and valid_until >= '2026-06-15'`, [enterpriseId]);
      if (!existing[0]!.n) await makeDesignation(t.orm.em, { id: enterpriseId } as never, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
      await t.sql(`update liaison_assignment set ended_on = '2026-06-15', end_reason = 'ENDED' where enterprise_id = ? and ended_on is null`, [enterpriseId]);
      return assign(t, JS, toGlobalId('Enterprise', enterpriseId), officer.id);
    },
    seenBy: ['national', 'jiangsu', 'enterprise'],
    hiddenFrom: ['anonymous', 'zhejiang', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  LiaisonConflictDeclaration: {
    create: async ({ t }) => {
      const officer = await registerOfficer(t, { bureau: JS });
      const e = await demonstrationEnterprise(t, JS);
      return (
        await t.ok<{ declareLiaisonConflict: { declaration: { id: string } } }>(
          `mutation($input: DeclareLiaisonConflictInput!) { declareLiaisonConflict(input: $input) { declaration { id } } }`,
          { input: { officerId: officer.id, kind: 'SHAREHOLDING', enterpriseId: e.gid, detail: '本人持有该企业股份' } },
          officer.viewer,
        )
      ).declareLiaisonConflict.declaration.id;
    },
    // The reason is the national admin's and the officer's only; the Jiangsu admin learns only that there is one.
    seenBy: ['national'],
    hiddenFrom: ['anonymous', 'jiangsu', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  AssignmentPlan: {
    create: async ({ t }) => {
      await registerOfficer(t, { bureau: JS, regions: [JS], capacity: 20 });
      return (
        await t.ok<{ computeAssignmentPlan: { plan: { id: string } } }>(`mutation { computeAssignmentPlan(input: { mode: UNASSIGNED }) { plan { id } } }`, undefined, as.provincial(JS))
      ).computeAssignmentPlan.plan.id;
    },
    seenBy: ['national', 'jiangsu'],
    hiddenFrom: ['anonymous', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
};
