import type { AnyOptionSpec } from '../option.js';
import { AckOption } from './ack.js';
import { Asn1Option } from './asn1.js';
import { Base64DecodeOption } from './base64_decode.js';
import { BufferlenOption } from './bufferlen.js';
import { ByteExtractOption } from './byte_extract.js';
import { ByteJumpOption } from './byte_jump.js';
import { ByteMathOption } from './byte_math.js';
import { ByteTestOption } from './byte_test.js';
import { ContentOption } from './content.js';
import { DceIfaceOption } from './dce_iface.js';
import { DceOpnumOption } from './dce_opnum.js';
import { DetectionFilterOption } from './detection_filter.js';
import { DsizeOption } from './dsize.js';
import { FlagsOption } from './flags.js';
import { FlowOption } from './flow.js';
import { FlowbitsOption } from './flowbits.js';
import { FragbitsOption } from './fragbits.js';
import { IcmpIdOption } from './icmp_id.js';
import { IcmpSeqOption } from './icmp_seq.js';
import { IcodeOption } from './icode.js';
import { IdOption } from './id.js';
import { RemOption, ReplaceOption, TagOption, TargetOption } from './ignored.js';
import { IpProtoOption } from './ip_proto.js';
import { IsdataatOption } from './isdataat.js';
import { ItypeOption } from './itype.js';
import { PcreOption } from './pcre.js';
import {
  Base64DataOption,
  DceStubDataOption,
  FileDataOption,
  HttpSelectors,
  JsDataOption,
  PktDataOption,
  RawDataOption,
  SipBodyOption,
  SipHeaderOption,
  VbaDataOption,
} from './selectors.js';
import { SeqOption } from './seq.js';
import { SipMethodOption } from './sip_method.js';
import { SipStatCodeOption } from './sip_stat_code.js';
import { SslStateOption } from './ssl_state.js';
import { SslVersionOption } from './ssl_version.js';
import { StreamSizeOption } from './stream_size.js';
import { TosOption } from './tos.js';
import { TtlOption } from './ttl.js';
import { WindowOption } from './window.js';

/** Every detection option by its Snort keyword. Adding an option: its file, its test, one line here. */
export const Options = {
  content: ContentOption,
  pcre: PcreOption,
  flow: FlowOption,
  flowbits: FlowbitsOption,
  dsize: DsizeOption,
  flags: FlagsOption,
  fragbits: FragbitsOption,
  ttl: TtlOption,
  tos: TosOption,
  id: IdOption,
  ip_proto: IpProtoOption,
  itype: ItypeOption,
  icode: IcodeOption,
  icmp_id: IcmpIdOption,
  icmp_seq: IcmpSeqOption,
  seq: SeqOption,
  ack: AckOption,
  window: WindowOption,
  stream_size: StreamSizeOption,
  byte_test: ByteTestOption,
  byte_jump: ByteJumpOption,
  byte_extract: ByteExtractOption,
  byte_math: ByteMathOption,
  isdataat: IsdataatOption,
  bufferlen: BufferlenOption,
  base64_decode: Base64DecodeOption,
  detection_filter: DetectionFilterOption,
  pkt_data: PktDataOption,
  raw_data: RawDataOption,
  base64_data: Base64DataOption,
  file_data: FileDataOption,
  js_data: JsDataOption,
  vba_data: VbaDataOption,
  dce_stub_data: DceStubDataOption,
  sip_header: SipHeaderOption,
  sip_body: SipBodyOption,
  dce_iface: DceIfaceOption,
  dce_opnum: DceOpnumOption,
  ssl_state: SslStateOption,
  ssl_version: SslVersionOption,
  sip_method: SipMethodOption,
  sip_stat_code: SipStatCodeOption,
  tag: TagOption,
  rem: RemOption,
  target: TargetOption,
  replace: ReplaceOption,
  asn1: Asn1Option,
  ...HttpSelectors,
} satisfies Record<string, AnyOptionSpec>;

const BY_NAME = new Map<string, AnyOptionSpec>(Object.entries(Options));

export function lookupOption(name: string): AnyOptionSpec | undefined {
  return BY_NAME.get(name);
}

/** Help text generated from the parameter tables (for `vigil ids --help-options`). */
export function optionHelp(name: string): string | null {
  const spec = BY_NAME.get(name);
  if (spec === undefined) return null;
  const lines = [`${spec.name}: ${spec.help}`];
  for (const p of spec.params)
    lines.push(`  ${p.type} ${p.name}${p.range ? ` {${p.range}}` : ''}: ${p.help}`);
  return lines.join('\n');
}
