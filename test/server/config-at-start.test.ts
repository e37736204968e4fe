/**
 * Every setting is validated before anything starts, and what the process says about its start is
 * one JSON object per line (no terminal colour codes), in production as elsewhere.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

function start(env: Record<string, string>): Promise<{ code: number | null; lines: string[] }> {
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete fullEnv.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: process.cwd(), env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, lines: out.split('\n').filter(Boolean) })));
}

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
      const { code, lines } = await start({ LOG_LEVEL: 'loud', DATA_DIR: dataDir, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) });
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
