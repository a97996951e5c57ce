import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { VigilError } from '../core/errors.js';

/** A network interface as the capture needs it: its name and whether it is up and not loopback. */
export interface NetInterface {
  name: string;
  up: boolean;
  loopback: boolean;
}

const IFF_UP = 0x1;
const IFF_LOOPBACK = 0x8;

/** Interface names are anything but '/', NUL and whitespace (the kernel's dev_valid_name). */
const PATTERN_PART = /^[^\s/\0]+$/;

/**
 * Parse `-i` (`eth0`, or a comma-separated list of names with `*` wildcards: `cali*,veth*,eth0`) into
 * anchored regular expressions. Anything else than `*` is literal.
 */
export function parsePatterns(spec: string): RegExp[] {
  const parts = spec
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) throw new VigilError('E_USAGE', `-i: no interface in "${spec}"`);
  return parts.map((p) => {
    if (!PATTERN_PART.test(p))
      throw new VigilError('E_USAGE', `-i: "${p}" is not an interface name or pattern`);
    const body = p
      .split('*')
      .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    return new RegExp(`^${body}$`);
  });
}

/**
 * The interfaces matching any pattern, in name order. Loopback and interfaces that are down are kept only
 * when a pattern names them without a wildcard (an explicit `-i lo` means lo).
 */
export function expandPatterns(patterns: readonly RegExp[], ifaces: readonly NetInterface[]): string[] {
  const out: string[] = [];
  for (const i of ifaces) {
    const hit = patterns.find((p) => p.test(i.name));
    if (hit === undefined) continue;
    const literal = !hit.source.includes('.*');
    if (!literal && (i.loopback || !i.up)) continue;
    out.push(i.name);
  }
  return out.sort();
}

/** Every interface that is up and not loopback (the default capture set of `vigil up`). */
export function defaultInterfaces(ifaces: readonly NetInterface[]): string[] {
  return ifaces
    .filter((i) => i.up && !i.loopback)
    .map((i) => i.name)
    .sort();
}

/** The interfaces of this network namespace, from sysfs (`/sys/class/net/<name>/flags`). */
export function listSysfsInterfaces(sysClassNet = '/sys/class/net'): NetInterface[] {
  let names: string[];
  try {
    names = readdirSync(sysClassNet);
  } catch (e) {
    throw new VigilError('E_IO', `cannot list interfaces in ${sysClassNet}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  const out: NetInterface[] = [];
  for (const name of names) {
    let flags = 0;
    try {
      flags = Number.parseInt(readFileSync(join(sysClassNet, name, 'flags'), 'latin1').trim(), 16) || 0;
    } catch {
      continue; // gone between readdir and read: a veth of a pod being deleted
    }
    out.push({ name, up: (flags & IFF_UP) !== 0, loopback: (flags & IFF_LOOPBACK) !== 0 });
  }
  return out;
}

/**
 * `ip -o link show` lines (`2: vg-c0@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu …`) → interfaces. Used for a
 * named network namespace, whose sysfs this process does not see.
 */
export function parseIpLink(text: string): NetInterface[] {
  const out: NetInterface[] = [];
  for (const line of text.split('\n')) {
    const m = /^\d+:\s+([^:@\s]+)(?:@[^:\s]+)?:\s+<([^>]*)>/.exec(line);
    if (m === null) continue;
    const flags = m[2]!.split(',');
    out.push({ name: m[1]!, up: flags.includes('UP'), loopback: flags.includes('LOOPBACK') });
  }
  return out;
}

/** Interfaces of a named network namespace (`ip -n NS -o link show`). */
export function listNetnsInterfaces(netns: string): NetInterface[] {
  try {
    return parseIpLink(execFileSync('ip', ['-n', netns, '-o', 'link', 'show'], { encoding: 'utf8' }));
  } catch (e) {
    throw new VigilError(
      'E_IO',
      `cannot list interfaces of network namespace ${netns}: ${(e as Error).message}`,
      {
        cause: e,
      },
    );
  }
}
