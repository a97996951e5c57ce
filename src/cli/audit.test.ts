import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { auditCommand, runAuditCommand, runPssCommand, type Io } from './audit.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../../test/fixtures/audit');
const mixed = join(fixtures, 'breakout/breakout-mixed/input.yaml');

function capture(): Io & { stdout: () => string; stderr: () => string } {
  let o = '';
  let e = '';
  return { out: (s) => void (o += s), err: (s) => void (e += s), stdout: () => o, stderr: () => e };
}

describe('vigil audit', () => {
  it('prints the JSON contract', async () => {
    const io = capture();
    const code = await runAuditCommand({ filename: [mixed], format: 'json' }, io);
    expect(code).toBe(0);
    const out = JSON.parse(io.stdout()) as { findings: Record<string, unknown>[] };
    const f = out.findings.find((x) => x.id === 'privileged-container');
    expect(f).toMatchObject({
      topic: 'privileged',
      severity: 'critical',
      object: { kind: 'Deployment', namespace: 'prod', name: 'risky' },
      path: 'spec.template.spec.containers[0].securityContext.privileged',
    });
    expect(Object.keys(f ?? {})).toEqual(
      expect.arrayContaining(['id', 'topic', 'severity', 'object', 'path', 'message', 'remediation']),
    );
  });

  it('--fail-on sets the exit code by severity', async () => {
    expect(await runAuditCommand({ filename: [mixed], format: 'json', failOn: 'critical' }, capture())).toBe(
      1,
    );
    const clean = join(mkdtempSync(join(tmpdir(), 'vigil-audit-')), 'ns.yaml');
    writeFileSync(
      clean,
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: a}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n',
    );
    expect(await runAuditCommand({ filename: [clean], format: 'json', failOn: 'info' }, capture())).toBe(0);
    writeFileSync(clean, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n');
    expect(await runAuditCommand({ filename: [clean], format: 'json', failOn: 'low' }, capture())).toBe(1);
    expect(await runAuditCommand({ filename: [clean], format: 'json', failOn: 'medium' }, capture())).toBe(0);
  });

  it('drops findings matched by an exceptions file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vigil-exc-')), 'exceptions.yaml');
    writeFileSync(
      file,
      'exceptions:\n  - check: privileged-container\n    namespace: prod\n    name: "ris*"\n    reason: accepted\n',
    );
    const io = capture();
    await runAuditCommand({ filename: [mixed], format: 'json', exceptions: file }, io);
    const ids = (JSON.parse(io.stdout()) as { findings: { id: string }[] }).findings.map((f) => f.id);
    expect(ids).not.toContain('privileged-container');
    expect(ids).toContain('host-pid');
  });

  it('reports malformed manifests with file:line, audits the rest, exits 65', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vigil-bad-')), 'bad.yaml');
    writeFileSync(
      file,
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n  containers: [{name: c, image: "x:1"}]\n---\nkind: a: b\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec: {hostIPC: "yes", containers: []}\n',
    );
    const io = capture();
    const code = await runAuditCommand({ filename: [file], format: 'json' }, io);
    expect(code).toBe(65);
    expect(io.stderr()).toMatch(/bad\.yaml:8:\d+: error: YAML/);
    expect(io.stderr()).toMatch(/bad\.yaml:13:17: error: Pod q: spec\.hostIPC: expected boolean/);
    const ids = (JSON.parse(io.stdout()) as { findings: { id: string }[] }).findings.map((f) => f.id);
    expect(ids).toContain('host-pid');
  });

  it('writes SARIF 2.1.0 that validates against the schema', async () => {
    const io = capture();
    await runAuditCommand({ filename: [join(fixtures, 'breakout')], format: 'sarif' }, io);
    const schema = JSON.parse(
      readFileSync(
        join(here, '../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'),
        'utf8',
      ),
    ) as Record<string, unknown>;
    // Draft-04 spelling of the schema id; Ajv 8 knows only `$id`.
    delete schema.$schema;
    delete schema.id;
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    const validate = ajv.compile(schema);
    const log = JSON.parse(io.stdout()) as { runs: { results: unknown[] }[] };
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.runs[0]?.results.length).toBeGreaterThan(10);
    // A document the schema must reject, so the validation above can fail.
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false);
  });

  it('writes JUnit XML with one failure per finding and table output', async () => {
    const io = capture();
    await runAuditCommand({ filename: [mixed], format: 'junit' }, io);
    expect(io.stdout()).toMatch(/^<\?xml/);
    expect(io.stdout()).toContain('<testcase classname="vigil.audit" name="Deployment/prod/risky">');
    expect(io.stdout()).toContain('<testcase classname="vigil.audit" name="ServiceAccount/prod/deployer"/>');
    const t = capture();
    await runAuditCommand({ filename: [mixed], format: 'table' }, t);
    expect(t.stdout()).toMatch(/^SEVERITY\s+CHECK\s+OBJECT\s+PATH\s+MESSAGE/);
  });

  it('is wired as a commander command with a pss subcommand', async () => {
    let exit = -1;
    const program = new Command('vigil')
      .exitOverride()
      .addCommand(auditCommand((c) => (exit = c)).exitOverride());
    const out: string[] = [];
    const orig = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => (out.push(s), true)) as typeof process.stdout.write;
    try {
      const pod = join(fixtures, 'psa/baseline/fail/privileged0__v1.0-v1.37.yaml');
      await program.parseAsync([
        'node',
        'vigil',
        'audit',
        'pss',
        '--level',
        'baseline',
        '--pss-version',
        'v1.20',
        '-f',
        pod,
        '--format',
        'json',
      ]);
    } finally {
      process.stdout.write = orig;
    }
    expect(exit).toBe(0);
    const r = JSON.parse(out.join('')) as {
      allowed: boolean;
      violations: { check: string; field: string }[];
    };
    expect(r.allowed).toBe(false);
    expect(r.violations[0]).toMatchObject({
      check: 'privileged',
      field: 'spec.containers[0].securityContext.privileged',
    });
  });
});

describe('vigil audit pss', () => {
  it('gives the contract shape for one pod and the verdict per version', async () => {
    const pod = join(fixtures, 'psa/baseline/pass/sysctls1__v1.27-v1.28.yaml');
    const at = async (v: string) => {
      const io = capture();
      await runPssCommand({ filename: [pod], level: 'baseline', pssVersion: v, format: 'json' }, io);
      return JSON.parse(io.stdout()) as { allowed: boolean; violations: unknown[] };
    };
    expect(await at('v1.27')).toEqual({ allowed: true, violations: [] });
    const old = await at('v1.26');
    expect(old.allowed).toBe(false);
    expect(old.violations).toEqual([
      {
        check: 'sysctls',
        field: 'spec.securityContext.sysctls[5].name',
        message: 'sysctl net.ipv4.ip_local_reserved_ports is not safe',
      },
    ]);
  });
  it('rejects a bad version', async () => {
    const io = capture();
    expect(
      await runPssCommand({ filename: [mixed], level: 'baseline', pssVersion: '1.x', format: 'json' }, io),
    ).toBe(64);
  });
});

describe('vigil audit --server', () => {
  /** A local receiver: answers with `status`/`answer` and records what it got. */
  async function receiver(status: number, answer: unknown) {
    const { createServer } = await import('node:http');
    const got: { auth: string | undefined; path: string | undefined; body: unknown }[] = [];
    const server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        got.push({ auth: req.headers.authorization, path: req.url, body: JSON.parse(text) as unknown });
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    const url = `http://127.0.0.1:${typeof addr === 'object' && addr !== null ? addr.port : 0}/`;
    return { url, got, close: () => new Promise<void>((r) => server.close(() => r())) };
  }
  const input = join(fixtures, 'netpol/demo_app_with_routes_and_ingress/manifests');

  it('uploads one run: findings as --format json, the workload graph, a stable batch id', async () => {
    const rx = await receiver(200, { run_id: 7, duplicate: false });
    try {
      const io = capture();
      const code = await runAuditCommand(
        { filename: [input], format: 'json', server: rx.url, token: 't0k' },
        io,
      );
      expect(code).toBe(0);
      expect(io.stderr()).toContain('uploaded audit run 7');
      const again = capture();
      await runAuditCommand({ filename: [input], format: 'json', server: rx.url }, again, {
        VIGIL_TOKEN: 'env',
      });
      expect(rx.got.map((g) => [g.path, g.auth])).toEqual([
        ['/api/v1/audit', 'Bearer t0k'],
        ['/api/v1/audit', 'Bearer env'],
      ]);
      const body = rx.got[0]!.body as {
        batch_id: string;
        source: string;
        findings: unknown[];
        reach: {
          nodes: { id: string; protected: unknown }[];
          edges: { src: string; dst: string; conn: string }[];
        };
      };
      expect(body.batch_id).toMatch(/^[0-9a-f]{64}$/);
      expect((rx.got[1]!.body as { batch_id: string }).batch_id).toBe(body.batch_id);
      expect(body.source).toBe(input);
      expect(body.findings).toEqual((JSON.parse(io.stdout()) as { findings: unknown[] }).findings);
      expect(body.reach.nodes).toContainEqual({
        id: 'helloworld/hello-world[Deployment]',
        namespace: 'helloworld',
        name: 'hello-world',
        kind: 'Deployment',
        protected: { ingress: false, egress: false },
      });
      expect(body.reach.edges).toContainEqual({
        src: '{ingress-controller}',
        dst: 'routeworld/route-world[Deployment]',
        conn: 'TCP 8060',
      });
    } finally {
      await rx.close();
    }
  });

  it('says why an upload failed and exits with its code', async () => {
    const denied = await receiver(401, { error: 'unauthorized', message: 'bad token' });
    const bad = await receiver(400, { error: 'bad_request', message: 'body fails validation' });
    try {
      const io = capture();
      expect(
        await runAuditCommand({ filename: [mixed], format: 'json', server: denied.url, token: 'x' }, io),
      ).toBe(78);
      expect(io.stderr()).toMatch(/rejected the token \(HTTP 401\): bad token/);
      const io2 = capture();
      expect(
        await runAuditCommand({ filename: [mixed], format: 'json', server: bad.url, token: 'x' }, io2),
      ).toBe(70);
      expect(io2.stderr()).toMatch(/rejected the upload \(HTTP 400\): body fails validation/);
    } finally {
      await denied.close();
      await bad.close();
    }
    // A closed port: connection refused.
    const gone = await receiver(200, {});
    await gone.close();
    const io3 = capture();
    expect(
      await runAuditCommand({ filename: [mixed], format: 'json', server: gone.url, token: 'x' }, io3),
    ).toBe(74);
    expect(io3.stderr()).toMatch(/cannot reach .*\/api\/v1\/audit: ECONNREFUSED/);
    // No token at all: a usage error before anything is audited.
    const io4 = capture();
    expect(await runAuditCommand({ filename: [mixed], format: 'json', server: gone.url }, io4, {})).toBe(64);
    expect(io4.stdout()).toBe('');
  });
});
