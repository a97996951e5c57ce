import { at, list, rec, type PssCheck, type PssViolation } from '../types.js';

/** Safe (namespaced, isolated) sysctls, with the minor version that allowed each. */
const Safe: [string, number][] = [
  ['kernel.shm_rmid_forced', 0],
  ['net.ipv4.ip_local_port_range', 0],
  ['net.ipv4.tcp_syncookies', 0],
  ['net.ipv4.ping_group_range', 0],
  ['net.ipv4.ip_unprivileged_port_start', 0],
  ['net.ipv4.ip_local_reserved_ports', 27],
  ['net.ipv4.tcp_keepalive_time', 29],
  ['net.ipv4.tcp_fin_timeout', 29],
  ['net.ipv4.tcp_keepalive_intvl', 29],
  ['net.ipv4.tcp_keepalive_probes', 29],
  ['net.ipv4.tcp_rmem', 32],
  ['net.ipv4.tcp_wmem', 32],
  ['net.ipv4.tcp_slow_start_after_idle', 37],
  ['net.ipv4.tcp_notsent_lowat', 37],
];
const SafeSince = new Map(Safe);

export const sysctls: PssCheck = {
  id: 'sysctls',
  level: 'baseline',
  since: 0,
  evaluate(pod, minor) {
    const out: PssViolation[] = [];
    list(rec(pod.spec.securityContext).sysctls).forEach((s, i) => {
      const name = String(rec(s).name);
      const since = SafeSince.get(name);
      if (since !== undefined && since <= minor) return;
      out.push({
        check: this.id,
        field: at(pod.specPath, `securityContext.sysctls[${i}].name`),
        message: `sysctl ${name} is not safe`,
      });
    });
    return out;
  },
};
