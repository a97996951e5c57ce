import { existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './root.js';

/**
 * The benchmark capture: ../shared/corpus/bench/traffic-seed1.pcap when present, else one made with
 * ../shared/bench/make-traffic.sh into .bench-cache/ (needs root, ip netns, nginx, curl, dnsmasq, openssl).
 */
export function findBenchPcap(): string | null {
  const env = process.env['VIGIL_BENCH_PCAP'];
  if (env && existsSync(env)) return env;
  const shared = join(ROOT, '..', 'shared', 'corpus', 'bench', 'traffic-seed1.pcap');
  if (existsSync(shared)) return shared;
  const cached = join(ROOT, '.bench-cache', 'traffic-seed1.pcap');
  if (existsSync(cached)) return cached;
  const maker = join(ROOT, '..', 'shared', 'bench', 'make-traffic.sh');
  if (!existsSync(maker)) return null;
  mkdirSync(join(ROOT, '.bench-cache'), { recursive: true });
  process.stderr.write(`making ${cached} with ${maker} (takes a few minutes)\n`);
  const r = spawnSync('bash', [maker, cached, '100', '1'], { stdio: 'inherit' });
  return r.status === 0 && existsSync(cached) ? cached : null;
}

export function findCommunityRules(): string {
  return join(ROOT, 'rules', 'snort3-community', 'snort3-community.rules');
}
