import type { RunResult } from '../pipeline/run-result.js';

function row(name: string, value: string | number): string {
  return `${name.padStart(28)}: ${value}`;
}

function section(title: string, rows: string[]): string[] {
  return rows.length ? [title, ...rows] : [];
}

/** End-of-run statistics on stderr, laid out like Snort's. */
export function formatSummary(
  r: RunResult,
  rules: { loaded: number; failed: number },
  threads: number,
  peakRssKB: number,
): string {
  const c = r.counters;
  const mbps = r.seconds > 0 ? (c.wireBytes * 8) / r.seconds / 1e6 : 0;
  const pps = r.seconds > 0 ? c.packets / r.seconds : 0;
  const events = Object.entries(r.events).sort();
  const flows = Object.entries(r.flow).filter(([, v]) => typeof v === 'number');
  const lines = [
    '--------------------------------------------------',
    ...section('rules', [row('loaded', rules.loaded), row('failed', rules.failed)]),
    ...section('packets', [
      row('analyzed', c.packets),
      row('bytes', c.wireBytes),
      row('non-ip', c.nonIp),
      row('fragments', c.fragments),
      row('rebuilt datagrams', c.rebuiltDatagrams),
    ]),
    ...section(
      'decoder and stream events',
      events.map(([k, v]) => row(k, v)),
    ),
    // The flow engine's counters include reassembly (pdus, pduBytes).
    ...section(
      'flows and reassembly',
      flows.map(([k, v]) => row(k, v)),
    ),
    ...section('detection', [row('alerts', c.alerts)]),
    ...section('timing', [
      row('threads', threads),
      row('seconds', r.seconds.toFixed(3)),
      row('packets/s', Math.round(pps)),
      row('Mbits/s', mbps.toFixed(1)),
      row('peak RSS MB', (peakRssKB / 1024).toFixed(1)),
    ]),
    '--------------------------------------------------',
  ];
  return lines.join('\n') + '\n';
}
