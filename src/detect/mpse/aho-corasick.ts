import { compileAc, DEFAULT_DENSE_TABLE_BYTES } from './ac-compile.js';
import { AcMpse } from './ac-mpse.js';
import type { MpseBuilder } from './mpse.js';
import { PatternSet } from './pattern-set.js';

export interface AcOptions {
  /**
   * Memory budget for full DFA rows (default 8 MiB). Breadth-first states beyond it keep sparse rows:
   * smaller, a little slower to step through. The root always has a dense row.
   */
  denseTableBytes?: number;
}

/**
 * Builds an Aho–Corasick automaton over ASCII-lowercased bytes, compiled to a DFA (every goto and failure
 * transition resolved) over byte equivalence classes. Case-sensitive patterns share the automaton and are
 * confirmed against their original bytes when a state they end at is reached.
 */
export class AcBuilder implements MpseBuilder {
  private readonly set = new PatternSet();
  private readonly denseTableBytes: number;

  constructor(options: AcOptions = {}) {
    this.denseTableBytes = options.denseTableBytes ?? DEFAULT_DENSE_TABLE_BYTES;
  }

  add(pattern: Uint8Array, nocase: boolean, id: number): void {
    this.set.add(pattern, nocase, id);
  }

  build(): AcMpse {
    return new AcMpse(compileAc(this.set, this.denseTableBytes));
  }
}

export function createMpse(options: AcOptions = {}): AcBuilder {
  return new AcBuilder(options);
}
