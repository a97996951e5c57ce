import type { SmbFileChunk, SmbFileSink } from '../smb/files.js';
import type { DcePdu, DceSink, DceView } from './session.js';

/** Facts the dce_iface / dce_opnum options and the `dce` byte order test (the detector's AppLayerState.dce). */
export interface DceFacts {
  iface: string;
  ifaceVersion: number;
  opnum: number;
  firstFrag: boolean;
  little: boolean;
}

/** One inspection unit a DCE/RPC or SMB parser produced: its dce facts and a dce_stub_data or file_data buffer. */
export interface AppUnit {
  dir: 0 | 1;
  dce: DceFacts | null;
  stub: DceView | null;
  file: DceView | null;
  /** DCE/RPC: bytes of the direction's stream up to the end of the PDU; -1 for SMB file data. */
  streamEnd: number;
}

/** Collects the units parsers produce while one chunk of stream is fed, for the application layer to inspect. */
export class AppUnitCollector implements DceSink, SmbFileSink {
  units: AppUnit[] = [];

  dcePdu(p: DcePdu): void {
    const dce = {
      iface: p.iface,
      ifaceVersion: p.ifaceVersion,
      opnum: p.opnum,
      firstFrag: p.firstFrag,
      little: p.little,
    };
    this.units.push({ dir: p.dir, dce, stub: p.stub, file: null, streamEnd: p.streamEnd });
  }

  smbFile(c: SmbFileChunk): void {
    const file = { data: c.data, off: 0, len: c.data.length };
    this.units.push({ dir: c.dir, dce: null, stub: null, file, streamEnd: -1 });
  }

  /** The units collected since the last call. */
  take(): AppUnit[] {
    const u = this.units;
    if (u.length > 0) this.units = [];
    return u;
  }
}
