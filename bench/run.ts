import { benchIds, type IdsBenchResult } from './ids.bench.js';
import { findBenchPcap, findCommunityRules } from './find-pcap.js';

/** `npm run bench`: every benchmark, printing figures to compare run to run. */
function line(name: string, value: string): void {
  process.stdout.write(`${name.padEnd(44)} ${value}\n`);
}

function printIds(label: string, r: IdsBenchResult): void {
  line(
    `${label} (-z ${r.threads})`,
    `${r.mbps.toFixed(1)} Mbit/s  ${Math.round(r.pps)} pkt/s  ${r.seconds.toFixed(2)} s  ` +
      `peak RSS ${r.peakRssMB.toFixed(0)} MB  alerts ${r.alerts}  start-up ${r.startupSeconds.toFixed(2)} s`,
  );
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const pcap = findBenchPcap();
  if (!only || only === 'ids') {
    if (pcap === null) {
      line('ids', 'skipped: no benchmark capture (../shared/corpus/bench/traffic-seed1.pcap) and no way to make one');
    } else {
      const rules = findCommunityRules();
      process.stdout.write(`capture ${pcap}\nrules   ${rules}\n`);
      const runs = Number(process.env['VIGIL_BENCH_RUNS'] ?? 3);
      const best = (threads: number) => {
        let b: IdsBenchResult | null = null;
        for (let i = 0; i < runs; i++) {
          const r = benchIds(pcap, rules, threads);
          if (b === null || r.seconds < b.seconds) b = r;
        }
        return b!;
      };
      const one = best(1);
      printIds('ids, community rules', one);
      const two = best(2);
      printIds('ids, community rules', two);
      line('ids speed-up 2 threads / 1', `${(one.seconds / two.seconds).toFixed(2)}x`);
    }
  }
}

await main();
