#!/usr/bin/env node
// Builds native/ (the sock_diag helper the metrics sampler uses for lis_conn) with npm's node-gyp.
// Optional: when it cannot be built (no compiler, not Linux) the sampler reads /proc/net/tcp{,6} instead,
// so a failure is a warning, not a failed install. VIGIL_REQUIRE_NATIVE=1 makes it an error (CI).
import { spawnSync } from 'node:child_process';
import process from 'node:process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const required = process.env.VIGIL_REQUIRE_NATIVE === '1';

function nodeGyp() {
  // npm sets npm_config_node_gyp in lifecycle scripts; otherwise look beside npm itself.
  const fromEnv = process.env.npm_config_node_gyp;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  try {
    const npmDir = dirname(createRequire(import.meta.url).resolve('npm/package.json'));
    return join(npmDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  } catch {
    const guess = join(
      dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    );
    return existsSync(guess) ? guess : null;
  }
}

function fail(why) {
  const msg = `native sock_diag helper not built (${why}); lis_conn will be read from /proc/net/tcp{,6}`;
  if (required) {
    process.stderr.write(`error: ${msg}\n`);
    process.exit(1);
  }
  process.stderr.write(`warning: ${msg}\n`);
  process.exit(0);
}

if (process.platform !== 'linux') fail(`not Linux: ${process.platform}`);
const gyp = nodeGyp();
if (gyp === null) fail('node-gyp not found');
const r = spawnSync(process.execPath, [gyp, 'rebuild', '--loglevel=warn'], {
  cwd: join(root, 'native'),
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (r.status !== 0) fail(`node-gyp exited ${r.status ?? r.signal}`);
