/**
 * Every setting is validated before anything starts, and what the process says about its start is
 * one JSON object per line (no terminal colour codes), in production as elsewhere.
 */

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../harness/start-server.js';
import { ConfigError, loadConfig } from '../../src/config.js';


describe('settings at start', () => {
  it('a bad value of any setting is refused naming the variable, before the database is touched', async () => {
    for (const [name, value] of [
      ['LOG_LEVEL', 'loud'],
      ['DB_POOL_SIZE', 'many'],
      ['TRUST_PROXY', 'the proxy'],
      ['TRANSACTION_GUARD', 'maybe'],
    ]) {
      expect(() => loadConfig({ [name]: value } as NodeJS.ProcessEnv), name).toThrow(ConfigError);
      expect(() => loadConfig({ [name]: value } as NodeJS.ProcessEnv), name).toThrow(name);
    }
  });

  it('the server itself stops at once with one JSON line naming it, and starts no database', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ipapi-config-'));
    try {
      const { code, lines } = await startServer({ LOG_LEVEL: 'loud', DATA_DIR: dataDir, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) });
      expect(code).toBe(1);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        expect(line.includes('\u001b[')).toBe(false);
        const entry = JSON.parse(line) as { msg: string; level: number };
        expect(entry.msg).toContain('LOG_LEVEL');
      }
      expect(await fs.readdir(dataDir)).toEqual([]);
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
