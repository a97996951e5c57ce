import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../core/package-root.js';

/** The native helper built from native/sock_diag.c (scripts/build-native.mjs). */
export interface SockDiag {
  /** TCP sockets in LISTEN state, IPv4 + IPv6, in this process's network namespace; throws with `errno`. */
  tcpListeners(): number;
}

let loaded: { helper: SockDiag | null; why: string } | null = null;

/**
 * The sock_diag helper, or null with the reason (not built, not Linux, the kernel refused the first dump):
 * then lis_conn comes from /proc/net/tcp{,6}. Loaded and tried once per process.
 */
export function loadSockDiag(): { helper: SockDiag | null; why: string } {
  if (loaded !== null) return loaded;
  const path = join(packageRoot(), 'native', 'build', 'Release', 'vigil_sock_diag.node');
  if (process.platform !== 'linux') return (loaded = { helper: null, why: 'not Linux' });
  if (!existsSync(path))
    return (loaded = { helper: null, why: `${path} is not built (npm run build:native)` });
  try {
    const helper = createRequire(import.meta.url)(path) as SockDiag;
    helper.tcpListeners();
    return (loaded = { helper, why: 'netlink sock_diag' });
  } catch (e) {
    return (loaded = { helper: null, why: `sock_diag unusable: ${(e as Error).message}` });
  }
}
