import type { Diagnostic } from '../core/errors.js';
import { loadRules } from '../rules/load.js';
import { DetectionEngine } from '../detect/engine.js';
import type { IdsConfig } from './ids-config.js';

export interface BuiltEngine {
  engine: DetectionEngine;
  diagnostics: Diagnostic[];
  rulesParsed: number;
  files: string[];
  /** Milliseconds spent loading and compiling. */
  loadMs: number;
}

/** Load, parse and compile the rules of a config: parse and compile problems are collected, never thrown. */
export async function buildEngine(cfg: IdsConfig): Promise<BuiltEngine> {
  const t0 = performance.now();
  const loaded = await loadRules(cfg.rulePaths, { vars: cfg.vars });
  const diagnostics = [...loaded.diagnostics];
  const engine = DetectionEngine.compile(loaded.rules, diagnostics);
  return {
    engine,
    diagnostics,
    rulesParsed: loaded.rules.length,
    files: loaded.files,
    loadMs: performance.now() - t0,
  };
}
