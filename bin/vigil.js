#!/usr/bin/env node
/* global process */
import { main } from '../dist/src/cli/main.js';

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`vigil: ${err instanceof Error ? err.message : String(err)}\n`); process.exitCode = 70; },
);
