import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../src/server/listen.js';
import { openStore } from '../src/store/open.js';
import { ROOT } from './root.js';

const CHROMIUM = '/usr/bin/chromium';
const RUNS = 5;
const TOKEN = 'bench-web-token';

function line(name: string, value: string): void {
  process.stdout.write(`${name.padEnd(46)} ${value}\n`);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/**
 * Runs in the page before the app: notes when the overview's first data (a row of the newest alerts
 * table) is in the DOM, in ms since navigation start, and puts the token in session storage as a signed-in
 * user would have it.
 */
const PROBE = `
  sessionStorage.setItem('vigil.token', ${JSON.stringify(TOKEN)});
  new MutationObserver((_, obs) => {
    if (document.querySelector('[data-testid="newest-alerts"] tbody tr')) {
      window.__firstData = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

async function seed(base: string): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const alerts = Array.from({ length: 500 }, (_, i) => ({
    seconds: now - i * 7,
    ts_usec: 0,
    gid: 1,
    sid: 1000 + (i % 25),
    rev: 1,
    msg: `BENCH signature ${i % 25}`,
    priority: 1 + (i % 3),
    proto: 'TCP',
    src_ap: `10.0.${i % 7}.${i % 250}:${40000 + i}`,
    dst_ap: '10.0.0.2:80',
    class: 'Misc activity',
  }));
  const res = await fetch(`${base}/api/v1/ingest/alerts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ batch_id: 'bench-web-alerts', node: 'bench-node', alerts }),
  });
  if (!res.ok) throw new Error(`seeding alerts: ${res.status} ${await res.text()}`);
}

/**
 * Time until the dashboard's first page is interactive: a fresh browser context opens `/` with the token
 * in session storage, and the clock stops when the overview's newest-alerts table has its first row
 * (the page has fetched and drawn server data). Median of 5; the server (embedded store, 500 alerts) is
 * started here. Also prints the bytes the first page downloads.
 */
export async function benchWeb(): Promise<void> {
  const webRoot = join(ROOT, 'web', 'dist');
  if (!existsSync(CHROMIUM)) return line('web first page', `skipped: ${CHROMIUM} not installed`);
  if (!existsSync(join(webRoot, 'index.html')))
    return line('web first page', 'skipped: web/dist not built (npm run build:web)');
  const store = await openStore({ dataDir: 'memory://' });
  await store.migrate();
  const server = await startServer({
    store,
    tokens: [TOKEN],
    host: '127.0.0.1',
    port: 0,
    metrics: false,
    webRoot,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'], // prettier-ignore
  });
  try {
    await seed(server.url);
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await ctx.newPage();
      await page.addInitScript(PROBE);
      await page.goto(`${server.url}/`);
      // A function, not a string: the dashboard's CSP forbids eval, which a string predicate would need.
      await page.waitForFunction(
        () => (globalThis as { __firstData?: number }).__firstData !== undefined,
        undefined,
        {
          timeout: 30_000,
        },
      );
      times.push(Number(await page.evaluate('window.__firstData')));
      bytes = Number(
        await page.evaluate(
          "performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))" +
            '.reduce((s, e) => s + (e.encodedBodySize || 0), 0)',
        ),
      );
      await ctx.close();
    }
    line(
      'web first page interactive (overview data)',
      `${median(times).toFixed(0)} ms median of ${RUNS} (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})  ${(bytes / 1024).toFixed(0)} KiB downloaded`,
    );
  } finally {
    await browser.close();
    await server.close();
    await store.close();
  }
}
