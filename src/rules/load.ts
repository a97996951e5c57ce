/**
 * Loads rule files and directories (all `*.rules`, sorted) into one rule set with one variable table.
 * Start-up only: includes are read synchronously from inside the parser, so a file's variables and rules
 * keep their textual order around each include.
 */
import { readFileSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../core/errors.js';
import type { Rule } from './ast.js';
import { dedupeRules } from './dedupe.js';
import { type IncludeResult, createParseContext, parseRules } from './parse.js';

export interface LoadOptions {
  /** Variable overrides in Snort syntax, e.g. { HOME_NET: '[10.0.0.0/8,192.168.0.0/16]' }. */
  vars?: Record<string, string>;
}

function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** `include` targets resolve relative to the including file. */
export function includeFromDisk(target: string, fromFile: string): IncludeResult {
  const file = resolve(dirname(fromFile), target);
  try {
    return { file, text: readFileSync(file, 'latin1') };
  } catch (e) {
    return { error: `cannot read include '${target}': ${errMessage(e)}` };
  }
}

async function expand(path: string, diagnostics: Diagnostic[]): Promise<string[]> {
  const abs = resolve(path);
  try {
    const st = await stat(abs);
    if (!st.isDirectory()) return [abs];
    const names = (await readdir(abs)).filter((n) => n.endsWith('.rules')).sort();
    if (names.length === 0) {
      diagnostics.push({
        file: path,
        line: 1,
        col: 1,
        severity: 'warning',
        message: 'no *.rules files in directory',
      });
    }
    return names.map((n) => join(abs, n));
  } catch (e) {
    diagnostics.push({
      file: path,
      line: 1,
      col: 1,
      severity: 'error',
      message: `cannot read: ${errMessage(e)}`,
    });
    return [];
  }
}

export async function loadRules(
  paths: string[],
  opts: LoadOptions = {},
): Promise<{ rules: Rule[]; diagnostics: Diagnostic[]; files: string[] }> {
  const diagnostics: Diagnostic[] = [];
  const ctx = createParseContext({ ...(opts.vars ? { vars: opts.vars } : {}), include: includeFromDisk });
  let rules: Rule[] = [];
  for (const p of paths) {
    for (const file of await expand(p, diagnostics)) {
      let text: string;
      try {
        // latin1 keeps every byte of content strings as one char, whatever the file's encoding.
        text = await readFile(file, 'latin1');
      } catch (e) {
        diagnostics.push({
          file,
          line: 1,
          col: 1,
          severity: 'error',
          message: `cannot read: ${errMessage(e)}`,
        });
        continue;
      }
      const res = parseRules(text, file, ctx);
      rules = rules.concat(res.rules);
      diagnostics.push(...res.diagnostics);
    }
  }
  return { rules: dedupeRules(rules, diagnostics), diagnostics, files: ctx.files };
}
