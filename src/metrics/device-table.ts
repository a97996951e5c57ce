/**
 * Rows keyed by a device (or CPU) name read from /proc, with numeric columns. Names are kept from sample to
 * sample: a row's string is made again only when the bytes at that position change, so a steady system
 * allocates no strings per sample. Row flags come from a classifier run once per new name.
 */
export class DeviceTable {
  names: string[] = [];
  flags: number[] = [];
  values: Float64Array;
  count = 0;
  /** False until the source file has been read this sample: its features are then null, not 0. */
  present = false;
  private nameBytes: Buffer[] = [];

  constructor(
    readonly columns: number,
    private readonly classify: (name: string) => number = () => 0,
  ) {
    this.values = new Float64Array(columns * 64);
  }

  begin(): void {
    this.count = 0;
    this.present = false;
  }

  /** Adds a row named by buf[start, end); returns its index. Columns start as NaN. */
  add(buf: Buffer, start: number, end: number): number {
    const row = this.count++;
    if ((row + 1) * this.columns > this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    const prev = this.nameBytes[row];
    if (prev === undefined || buf.compare(prev, 0, prev.length, start, end) !== 0) {
      const name = buf.toString('latin1', start, end);
      this.names[row] = name;
      this.nameBytes[row] = Buffer.from(name, 'latin1');
      this.flags[row] = this.classify(name);
    }
    this.values.fill(NaN, row * this.columns, (row + 1) * this.columns);
    return row;
  }

  get(row: number, col: number): number {
    return this.values[row * this.columns + col]!;
  }

  set(row: number, col: number, v: number): void {
    this.values[row * this.columns + col] = v;
  }

  /** Sum of a column over rows whose flags include `mask` (all rows for 0); NaN if the file was absent. */
  sum(col: number, mask = 0): number {
    if (!this.present) return NaN;
    let s = 0;
    for (let r = 0; r < this.count; r++) {
      if ((this.flags[r]! & mask) !== mask) continue;
      const v = this.values[r * this.columns + col]!;
      if (v === v) s += v; // a row with an unparsable column was counted as malformed; skip it
    }
    return s;
  }
}
