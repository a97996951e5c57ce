import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { VigilError } from '../core/errors.js';

const CAP_NET_RAW = 13;

/** CAP_NET_RAW in the effective set of a /proc/PID/status text. */
export function hasCapNetRaw(statusText: string): boolean {
  const m = /^CapEff:\s*([0-9a-f]+)/m.exec(statusText);
  return m !== null && (BigInt(`0x${m[1]!}`) & (1n << BigInt(CAP_NET_RAW))) !== 0n;
}

/** True when this process may open raw sockets: root, or CAP_NET_RAW in its effective set. */
export function mayCapture(status = '/proc/self/status'): boolean {
  if (process.getuid?.() === 0) return true;
  try {
    return hasCapNetRaw(readFileSync(status, 'latin1'));
  } catch {
    return false;
  }
}

/** The path of `bin` on PATH, or null. */
export function onPath(bin: string, path = process.env['PATH'] ?? ''): string | null {
  if (bin.includes('/')) return canRun(bin) ? bin : null;
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const p = join(dir, bin);
    if (canRun(p)) return p;
  }
  return null;
}

function canRun(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why live capture cannot run here, naming what is missing, or null when it can. Capture is optional: the
 * agent keeps sampling metrics without it.
 */
export function captureProblem(tcpdump = 'tcpdump', netns?: string): string | null {
  const problems: string[] = [];
  if (onPath(tcpdump) === null)
    problems.push(`${tcpdump} not found on PATH (Debian/Ubuntu: apt-get install tcpdump)`);
  if (!mayCapture())
    problems.push(
      `no permission to capture: running as uid ${process.getuid?.() ?? '?'} without CAP_NET_RAW ` +
        '(run as root, or grant CAP_NET_RAW and CAP_NET_ADMIN)',
    );
  if (netns !== undefined && onPath('ip') === null)
    problems.push('ip (iproute2) not found on PATH, needed for --netns');
  return problems.length === 0 ? null : problems.join('; ');
}

/** Compile a BPF filter once with `tcpdump -d`, so a typo is one clear error at start. */
export function checkFilter(filter: string, tcpdump = 'tcpdump'): void {
  const r = spawnSync(tcpdump, ['-d', filter], { encoding: 'utf8' });
  if (r.error !== undefined) return; // no tcpdump: captureProblem names that
  if (r.status === 0) return;
  const why = r.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('Warning:'))
    .join('; ');
  throw new VigilError('E_USAGE', `invalid capture filter "${filter}": ${why || `tcpdump exit ${r.status}`}`);
}

/** The user tcpdump drops to after opening the device: `want` when running as root and it exists, else none. */
export function captureUser(want = 'tcpdump', passwd = '/etc/passwd'): string | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const exists = readFileSync(passwd, 'utf8')
      .split('\n')
      .some((l) => l.startsWith(`${want}:`));
    if (exists) return want;
  } catch {
    // fall through to the name service
  }
  try {
    execFileSync('id', ['-u', want], { stdio: 'ignore' });
    return want;
  } catch {
    return null;
  }
}
