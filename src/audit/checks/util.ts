import { rec, list, at, type ContainerView } from '../pss/types.js';

export { rec, list, at };

export function securityContext(v: ContainerView): Record<string, unknown> {
  return rec(v.c.securityContext);
}

/** `CAP_SYS_ADMIN`, `sys_admin` and `SYS_ADMIN` name the same capability. */
export function capName(c: unknown): string {
  return String(c).toUpperCase().replace(/^CAP_/, '');
}
