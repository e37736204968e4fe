/**
 * One transaction, one connection (src/common/transaction.ts). Inside a transaction the request's
 * own EntityManager joins it, and anything that would ask the pool for a second connection is
 * refused in tests (TRANSACTION_GUARD=error), so a new path that could deadlock the pool fails here
 * instead of wedging a server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { createContext } from '../../src/context.js';
import { guardPool, SecondConnectionError, transaction } from '../../src/common/transaction.js';

describe('the transaction guard', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const backend = async (em: { execute(sql: string): Promise<unknown> }) => ((await em.execute('select pg_backend_pid() as pid')) as { pid: number }[])[0]!.pid;

  it('inside transaction(), the request context\'s em runs on the transaction\'s connection', async () => {
    const ctx = createContext({ em: t.orm.em, reference: t.reference, config: t.config });
    await transaction(ctx.em, async (tx) => {
      const own = await backend(tx);
      expect(await backend(ctx.em)).toBe(own);
      // And sees what the transaction wrote before it commits.
      await tx.execute(`create temporary table guard_probe (n int) on commit drop`);
      await tx.execute('insert into guard_probe values (1)');
      expect(await ctx.em.execute('select n from guard_probe')).toEqual([{ n: 1 }]);
    });
  });

  it('a query that would take a second pooled connection inside a transaction is refused, and the pool stays usable', async () => {
    await expect(
      transaction(t.orm.em.fork(), async () => {
        await t.orm.em.fork().execute('select 1'); // another em: another connection
      }),
    ).rejects.toThrow(/asked the pool for a second connection/); // (MikroORM wraps it in a DriverException)
    await expect(
      transaction(t.orm.em.fork(), async () => {
        // Opening a second transaction from inside the first is the same mistake.
        await transaction(t.orm.em.fork(), async (inner) => inner.execute('select 1'));
      }),
    ).rejects.toThrow(/asked the pool for a second connection/);
    expect(await t.sql('select 1 as ok')).toEqual([{ ok: 1 }]);
  });

  it('a nested transaction() on the same em is a savepoint on the same connection, not a second connection', async () => {
    const ctx = createContext({ em: t.orm.em, reference: t.reference, config: t.config });
    await transaction(ctx.em, async (outer) => {
      const pid = await backend(outer);
      await transaction(ctx.em, async (inner) => expect(await backend(inner)).toBe(pid));
    });
  });

  it('outside transactions every em takes connections as usual', async () => {
    expect(await backend(t.orm.em.fork())).toBeGreaterThan(0);
    const ctx = createContext({ em: t.orm.em, reference: t.reference, config: t.config });
    expect(await backend(ctx.em)).toBeGreaterThan(0);
  });

  it('mode "log" reports the violation and lets the query through; "off" does nothing', async () => {
    const reported: Error[] = [];
    let connects = 0;
    const pool = { connect: async () => ++connects };
    guardPool(pool, 'log', (e) => reported.push(e));
    await transaction(t.orm.em.fork(), async () => {
      await pool.connect();
    });
    expect(connects).toBe(1);
    expect(reported[0]).toBeInstanceOf(SecondConnectionError);
    const off = { connect: async () => 'ok' };
    guardPool(off, 'off');
    await transaction(t.orm.em.fork(), async () => expect(await off.connect()).toBe('ok'));
  });
});
