import { EventCounts } from '../src/core/counters.js';
import { Decoder } from '../src/packet/decode.js';
import { forEachCaptureRecord } from '../src/packet/file-source.js';
import { Packet } from '../src/packet/packet.js';

/** Read and decode a capture (no flow, no detection): the floor under every other stage's cost. */
export async function benchDecode(
  pcapPath: string,
): Promise<{ packets: number; bytes: number; seconds: number }> {
  const decoder = new Decoder(new EventCounts());
  const pkt = new Packet();
  let packets = 0;
  let bytes = 0;
  const t0 = process.hrtime.bigint();
  await forEachCaptureRecord(pcapPath, (rec) => {
    packets++;
    bytes += rec.caplen;
    decoder.decode(rec, packets, pkt);
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { packets, bytes, seconds };
}
