// npm start's prestart: compile to dist/ only when something it is built from changed since the
// last build (a restart of an unchanged checkout then takes seconds, not a full tsc run).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const STAMP = 'dist/.build-stamp';
const SOURCES = ['src', 'migrations', 'seeds', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

function newest(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(entry)) latest = Math.max(latest, newest(path.join(entry, name)));
  return latest;
}

const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
const changed = Math.max(...SOURCES.map(newest));
if (built > changed && existsSync('dist/src/main.js')) {
  console.log('[build] dist/ is up to date');
} else {
  console.log('[build] compiling to dist/ …');
  execFileSync(process.execPath, [path.join('node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  writeFileSync(STAMP, new Date().toISOString());
}
