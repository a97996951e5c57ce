#!/usr/bin/env bash
# Labelled dataset of the 24 node features on this machine (issue 5, deliver 5).
#
# Samples /proc every second while the machine does its normal work, then runs real stress
# and attack-like workloads, each in its own labelled window with a quiet gap after it:
#   cpu, vm (memory), fork, hdd (disk) with stress-ng; a SYN flood (hping3) and a TCP connect
#   port scan (nmap) from network namespace vigil-att (10.77.0.2) against the host side of a
#   veth pair (10.77.0.1), so the host's own /proc/net counters see the traffic.
# Every workload is bounded by `timeout` and the script removes what it created on exit.
# Needs root, stress-ng, hping3, nmap, ip, node. Total run: about 5.5 minutes.
#
# Usage: scripts/make-anomaly-dataset.sh [OUT.csv]   (default test/fixtures/anomaly/node-dataset.csv)
set -euo pipefail

OUT=${1:-"$(dirname "$0")/../test/fixtures/anomaly/node-dataset.csv"}
NORMAL=${NORMAL_SECONDS:-100}
PHASE=${PHASE_SECONDS:-25}
GAP=${GAP_SECONDS:-15}
WORK=$(mktemp -d)
PHASE_FILE="$WORK/phase"
echo normal > "$PHASE_FILE"

for tool in stress-ng hping3 nmap ip node timeout; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install stress-ng hping3 nmap iproute2)" >&2; exit 1; }
done

SAMPLER_PID=""
SERVER_PID=""
cleanup() {
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  ip netns del vigil-att 2>/dev/null || true
  ip link del vigil-host 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# The network: host side 10.77.0.1 in the root namespace, attacker 10.77.0.2 in vigil-att.
ip netns add vigil-att
ip link add vigil-host type veth peer name vigil-peer
ip link set vigil-peer netns vigil-att
ip addr add 10.77.0.1/24 dev vigil-host
ip link set vigil-host up
ip netns exec vigil-att ip addr add 10.77.0.2/24 dev vigil-peer
ip netns exec vigil-att ip link set vigil-peer up
ip netns exec vigil-att ip link set lo up
# A listening service on the host side, reachable only over the veth.
timeout $((NORMAL + 12 * (PHASE + GAP))) python3 -m http.server 8077 --bind 10.77.0.1 >/dev/null 2>&1 &
SERVER_PID=$!

# The sampler: one row a second, the 24 features as node_exporter reports them (counters raw).
cat > "$WORK/sampler.mjs" <<'JS'
import { readFileSync, statfsSync, appendFileSync, writeFileSync } from 'node:fs';
const [out, phaseFile] = process.argv.slice(2);
const FEATURES = ['cpu_sec_idle','disk_av_per','disk_read','disk_write','net_receive','mem_pressure','mem_av_per',
  'forks_total','intr','load1','load5','load15','receive_drop','receive_errs','transmit_packets','tcp_sock_alloc',
  'tcp_sock_inuse','tcp_sock_mem','udp_sock_inuse','udp_sock_mem','ipv4_sock_inuse','est_conn','lis_conn','open_fds'];
const read = (p) => readFileSync(p, 'utf8');
const WHOLE_DISK = /^(sd[a-z]+|vd[a-z]+|xvd[a-z]+|hd[a-z]+|nvme\d+n\d+|mmcblk\d+)$/;
function sample() {
  const f = {};
  const stat = read('/proc/stat').split('\n');
  const cpu = stat.find((l) => l.startsWith('cpu '))?.trim().split(/\s+/) ?? [];
  f.cpu_sec_idle = Number(cpu[4]) / 100;
  f.forks_total = Number(stat.find((l) => l.startsWith('processes '))?.split(/\s+/)[1]);
  f.intr = Number(stat.find((l) => l.startsWith('intr '))?.split(/\s+/)[1]);
  const fs = statfsSync('/');
  f.disk_av_per = (100 * fs.bavail) / fs.blocks;
  let rd = 0, wr = 0;
  for (const l of read('/proc/diskstats').split('\n')) {
    const c = l.trim().split(/\s+/);
    if (c.length > 9 && WHOLE_DISK.test(c[2])) { rd += Number(c[5]) * 512; wr += Number(c[9]) * 512; }
  }
  f.disk_read = rd; f.disk_write = wr;
  let rx = 0, drop = 0, errs = 0, txp = 0;
  for (const l of read('/proc/net/dev').split('\n').slice(2)) {
    const [name, rest] = l.split(':');
    if (!rest || name.trim() === 'lo') continue;
    const c = rest.trim().split(/\s+/).map(Number);
    rx += c[0]; errs += c[2]; drop += c[3]; txp += c[9];
  }
  Object.assign(f, { net_receive: rx, receive_drop: drop, receive_errs: errs, transmit_packets: txp });
  const vm = read('/proc/vmstat').match(/^pgmajfault (\d+)/m);
  f.mem_pressure = Number(vm?.[1]);
  const mem = read('/proc/meminfo');
  const kb = (k) => Number(mem.match(new RegExp('^' + k + ':\\s+(\\d+)', 'm'))?.[1]);
  f.mem_av_per = (100 * kb('MemAvailable')) / kb('MemTotal');
  const load = read('/proc/loadavg').split(/\s+/).map(Number);
  [f.load1, f.load5, f.load15] = load;
  const ss = read('/proc/net/sockstat');
  const sk = (proto, key) => Number(ss.match(new RegExp('^' + proto + ':.*\\b' + key + ' (\\d+)', 'm'))?.[1] ?? 0);
  f.tcp_sock_alloc = sk('TCP', 'alloc'); f.tcp_sock_inuse = sk('TCP', 'inuse'); f.tcp_sock_mem = sk('TCP', 'mem');
  f.udp_sock_inuse = sk('UDP', 'inuse'); f.udp_sock_mem = sk('UDP', 'mem'); f.ipv4_sock_inuse = sk('sockets', 'used');
  const snmp = read('/proc/net/snmp').split('\n').filter((l) => l.startsWith('Tcp:'));
  const keys = snmp[0]?.split(/\s+/) ?? [], vals = snmp[1]?.split(/\s+/) ?? [];
  f.est_conn = Number(vals[keys.indexOf('CurrEstab')]);
  let lis = 0;
  for (const p of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try { for (const l of read(p).split('\n').slice(1)) if (l.trim().split(/\s+/)[3] === '0A') lis++; } catch {}
  }
  f.lis_conn = lis;
  f.open_fds = Number(read('/proc/sys/fs/file-nr').split(/\s+/)[0]);
  return f;
}
writeFileSync(out, ['id', 'time', ...FEATURES, 'attack', 'phase'].join(',') + '\n');
let id = 0;
const tick = () => {
  const phase = read(phaseFile).trim();
  const f = sample();
  const t = new Date(Math.round(Date.now() / 1000) * 1000).toISOString().replace('T', ' ').slice(0, 19);
  const row = [id++, t, ...FEATURES.map((k) => +Number(f[k]).toFixed(3)), phase === 'normal' ? 0 : 1, phase];
  appendFileSync(out, row.join(',') + '\n');
};
setTimeout(function loop() { tick(); setTimeout(loop, 1000 - (Date.now() % 1000)); }, 1000 - (Date.now() % 1000));
JS
mkdir -p "$(dirname "$OUT")"
node "$WORK/sampler.mjs" "$OUT" "$PHASE_FILE" &
SAMPLER_PID=$!

phase() { # phase NAME COMMAND... : label the window, run the bounded workload, then a quiet gap
  local name=$1; shift
  echo "$name" > "$PHASE_FILE"
  echo "$(date +%T) $name" >&2
  timeout --kill-after=5 "$PHASE" "$@" >/dev/null 2>&1 || true
  echo normal > "$PHASE_FILE"
  sleep "$GAP"
}

echo "$(date +%T) normal for ${NORMAL}s" >&2
sleep "$NORMAL"
phase cpu stress-ng --cpu 2 --timeout "${PHASE}s"
phase memory stress-ng --vm 1 --vm-bytes 2G --vm-keep --timeout "${PHASE}s"
phase fork stress-ng --fork 2 --timeout "${PHASE}s"
phase disk stress-ng --hdd 1 --hdd-bytes 512M --temp-path "$WORK" --timeout "${PHASE}s"
phase flood ip netns exec vigil-att hping3 -S -p 8077 -i u100 10.77.0.1
phase portscan ip netns exec vigil-att nmap -sT -p 1-65535 -T4 --max-rate 3000 10.77.0.1
echo "$(date +%T) done: $OUT" >&2
