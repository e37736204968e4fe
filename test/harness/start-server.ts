import { spawn } from 'node:child_process';

/**
 * Starts `src/main.ts` in a child process with `env` over this one's (without DATABASE_URL, so a
 * refused start cannot touch a database) and resolves with its exit code and output lines once it
 * exits: for the checks a server makes before it serves anything.
 */
export function startServer(env: Record<string, string>): Promise<{ code: number | null; lines: string[] }> {
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete fullEnv.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: process.cwd(), env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, lines: out.split('\n').filter(Boolean) })));
}
