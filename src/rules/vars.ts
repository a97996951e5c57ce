/**
 * Rule variables: Snort 3's defaults (lua/snort_defaults.lua) overridable by the user and by `var`, `ipvar`
 * and `portvar` lines. Values are kept as Snort-syntax text and evaluated where they are used (address or
 * port position), so `$HOME_NET` overrides reach every variable defined in terms of it.
 */
import { VigilError } from '../core/errors.js';
import type { IpSet, PortSet } from './ast.js';
import { type Families, type SpecKind, SpecError, evalSpec, isEmpty } from './netspec.js';
import { toIpSet, toPortSet } from './sets.js';

const HTTP_PORTS =
  '80 81 311 383 591 593 901 1220 1414 1741 1830 2301 2381 2809 3037 3128 3702 4343 4848 5250 6988 7000 ' +
  '7001 7144 7145 7510 7777 7779 8000 8008 8014 8028 8080 8085 8088 8090 8118 8123 8180 8181 8243 8280 ' +
  '8300 8800 8888 8899 9000 9060 9080 9090 9091 9443 9999 11371 34443 34444 41080 50002 55555';

const AIM_SERVERS =
  '64.12.24.0/23 64.12.28.0/23 64.12.161.0/24 64.12.163.0/24 64.12.200.0/24 205.188.3.0/24 205.188.5.0/24 ' +
  '205.188.7.0/24 205.188.9.0/24 205.188.153.0/24 205.188.179.0/24 205.188.248.0/24';

/** Snort 3 snort_defaults.lua, in Snort list syntax. */
export const SNORT_DEFAULT_VARS: Readonly<Record<string, string>> = {
  RULE_PATH: '../rules',
  BUILTIN_RULE_PATH: '../preproc_rules',
  PLUGIN_RULE_PATH: '../so_rules',
  WHITE_LIST_PATH: '../lists',
  BLACK_LIST_PATH: '../lists',
  HOME_NET: 'any',
  EXTERNAL_NET: 'any',
  DNS_SERVERS: '$HOME_NET',
  SMTP_SERVERS: '$HOME_NET',
  HTTP_SERVERS: '$HOME_NET',
  SQL_SERVERS: '$HOME_NET',
  TELNET_SERVERS: '$HOME_NET',
  SSH_SERVERS: '$HOME_NET',
  FTP_SERVERS: '$HOME_NET',
  SIP_SERVERS: '$HOME_NET',
  AIM_SERVERS,
  HTTP_PORTS,
  SHELLCODE_PORTS: '!80',
  ORACLE_PORTS: '1024:',
  SSH_PORTS: '22',
  FTP_PORTS: '21 2100 3535',
  SIP_PORTS: '5060 5061 5600',
  MAIL_PORTS: '110 143',
  FILE_DATA_PORTS: '[$HTTP_PORTS,110,143]',
  GTP_PORTS: '2123 2152 3386',
  RPC_PORTS: '111 32770 32771 32772 32773 32774 32775 32776 32777 32778 32779',
};

/** Splits `NAME=value` (command-line form); null when malformed. */
export function parseVarAssignment(s: string): [string, string] | null {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(s);
  return m ? [m[1]!, m[2]!] : null;
}

/** The variable table with evaluation caches (cleared whenever a variable is (re)defined). */
export class VarTable {
  private readonly raw = new Map<string, string>();
  private readonly values = new Map<string, Families>();
  private readonly ipSets = new Map<string, IpSet>();
  private readonly portSets = new Map<string, PortSet>();
  private readonly resolving = new Set<string>();

  constructor(overrides: Readonly<Record<string, string>> = {}) {
    for (const [k, v] of Object.entries(SNORT_DEFAULT_VARS)) this.raw.set(k, v);
    for (const [k, v] of Object.entries(overrides)) this.raw.set(k, v);
  }

  define(name: string, value: string): void {
    this.raw.set(name, value.trim());
    this.values.clear();
    this.ipSets.clear();
    this.portSets.clear();
  }

  get(name: string): string | undefined {
    return this.raw.get(name);
  }

  /** Evaluates `$name` for the given position; throws SpecError. */
  readonly lookup = (name: string, kind: SpecKind): Families => {
    const key = kind + ':' + name;
    const hit = this.values.get(key);
    if (hit) return hit;
    const text = this.raw.get(name);
    if (text === undefined) throw new SpecError(`undefined variable '$${name}'`, 0);
    if (this.resolving.has(key)) throw new SpecError(`variable '$${name}' refers to itself`, 0);
    this.resolving.add(key);
    try {
      const v = evalSpec(text, kind, this.lookup);
      this.values.set(key, v);
      return v;
    } catch (e) {
      // A problem inside a variable's value is reported at the use site, naming the variable.
      if (e instanceof SpecError && !e.message.includes(' (in $')) {
        throw new SpecError(`${e.message} (in $${name} = '${text}')`, 0);
      }
      if (e instanceof SpecError) throw new SpecError(e.message, 0);
      throw e;
    } finally {
      this.resolving.delete(key);
    }
  };

  /** Header address field → IpSet; identical texts share one (read-only) object. Throws SpecError. */
  ipSet(text: string): IpSet {
    let s = this.ipSets.get(text);
    if (!s) {
      s = toIpSet(this.checkNonEmpty(evalSpec(text, 'ip', this.lookup), 'address'));
      this.ipSets.set(text, s);
    }
    return s;
  }

  portSet(text: string): PortSet {
    let s = this.portSets.get(text);
    if (!s) {
      s = toPortSet(this.checkNonEmpty(evalSpec(text, 'port', this.lookup), 'port'));
      this.portSets.set(text, s);
    }
    return s;
  }

  private checkNonEmpty(v: Families, what: string): Families {
    if (v.every((r) => r.length === 0)) throw new SpecError(`${what} list matches nothing`, 0);
    return v;
  }
}

/**
 * What a variable holds by Snort's naming conventions (`*_PORT(S)` ports; `*_NET`, `*_SERVERS`, `*_IP(S)`,
 * `*_HOST(S)` addresses), or null for the others (paths and such), which are not checked before use.
 */
export function varKind(name: string): SpecKind | null {
  if (/_PORTS?$/.test(name)) return 'port';
  if (/(?:_NET|_SERVERS?|_IPS?|_HOSTS?)$/.test(name)) return 'ip';
  return null;
}

/**
 * Command-line overrides (`--var NAME=value`, a leading `$` allowed), each address or port variable
 * evaluated with the others: a bad value is one usage error naming the flag (exit 64), as Snort refuses a
 * bad variable at start-up, instead of an error at every rule that uses it.
 */
export function parseVarFlags(list: readonly string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const v of list) {
    const a = parseVarAssignment(v.replace(/^\s*\$/, ''));
    if (a === null) throw new VigilError('E_USAGE', `--var expects NAME=value, got "${v}"`);
    vars[a[0]] = a[1];
  }
  const table = new VarTable(vars);
  for (const [name, value] of Object.entries(vars)) {
    const kind = varKind(name);
    if (kind === null) continue;
    try {
      if (isEmpty(table.lookup(name, kind))) throw new SpecError(`matches nothing`, 0);
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      const msg = e.message.replace(` (in $${name} = '${value}')`, '');
      throw new VigilError('E_USAGE', `--var ${name}=${value}: ${msg}`);
    }
  }
  return vars;
}
