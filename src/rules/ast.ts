/**
 * The typed AST of a Snort 3 text rule. Addresses and ports are resolved at parse time (variables
 * expanded, lists and negations normalized to sorted disjoint ranges), so detection never re-parses them.
 */

/** Sorted, disjoint, inclusive port ranges; `any` is true when the set is all of 0..65535. */
export interface PortSet {
  any: boolean;
  /** Pairs [lo0, hi0, lo1, hi1, ...], sorted and disjoint. Empty when `any`. */
  ranges: number[];
}

/**
 * Sorted, disjoint, inclusive address ranges per family; `any` is true when the set covers every address.
 * IPv4 ranges are unsigned 32-bit numbers; IPv6 ranges are 16-byte big-endian addresses.
 */
export interface IpSet {
  any: boolean;
  /** Pairs [lo0, hi0, ...] of unsigned 32-bit IPv4 addresses. */
  v4: number[];
  /** Pairs [lo0, hi0, ...] of IPv6 addresses, 16 bytes each. */
  v6: Uint8Array[];
}

/** One `name[:args];` option in canonical Snort 3 form (legacy modifiers already folded in). */
export interface RuleOption {
  name: string;
  /** Text after the colon, trimmed; quotes and escapes preserved. Null for options without arguments. */
  args: string | null;
  line: number;
  col: number;
}

export interface RuleReference {
  system: string;
  id: string;
}

export interface Rule {
  file: string;
  line: number;
  /** The rule text as written (continuations joined). */
  text: string;
  action: string;
  /** `ip`, `tcp`, `udp`, `icmp`, `file`, or a service name (`http`, `dns` …) for service rules. */
  proto: string;
  src: IpSet;
  sport: PortSet;
  dst: IpSet;
  dport: PortSet;
  /** `<>`: the rule also matches with source and destination swapped. */
  bidirectional: boolean;
  /** Detection options in order (metadata options such as msg, sid, reference are removed into fields). */
  options: RuleOption[];
  gid: number;
  sid: number;
  rev: number;
  msg: string;
  classtype: string | null;
  /** From `priority:` or else the classtype's priority; 3 when neither is given (Snort's default). */
  priority: number;
  references: RuleReference[];
  /** metadata key/value pairs in order, e.g. ["policy", "balanced-ips drop"], ["service", "http"]. */
  metadata: [string, string][];
  /** Services from `service:` options and from a service-name header protocol. */
  services: string[];
  /** True when the rule was written in Snort 2 / Suricata modifier style and converted. */
  legacy: boolean;
}
