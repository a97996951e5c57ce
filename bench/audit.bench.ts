import { parseManifestText } from '../src/k8s/parse.js';
import { runAudit } from '../src/audit/run.js';

const Kinds = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'Pod'] as const;

/** A realistic workload manifest: two containers, volumes, env, probes; every tenth one risky. */
function workload(i: number): string {
  const kind = Kinds[i % Kinds.length] ?? 'Deployment';
  const risky = i % 10 === 0;
  const spec = `
      serviceAccountName: sa-${i % 50}
      ${risky ? 'hostPID: true' : ''}
      containers:
      - name: app
        image: registry.example.com/team/app-${i % 97}:1.${i % 13}
        env: [{name: MODE, value: prod}, {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: pw}}}]
        ports: [{containerPort: 8080}]
        resources: {limits: {cpu: 500m, memory: 256Mi}, requests: {cpu: 100m, memory: 128Mi}}
        securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false, ${risky ? 'privileged: true, capabilities: {add: [SYS_ADMIN]}' : 'capabilities: {drop: [ALL]}'}}
        volumeMounts: [{name: data, mountPath: /data}]
      - name: sidecar
        image: registry.example.com/proxy:2
      volumes:
      - name: data
        ${risky ? 'hostPath: {path: /var/run/docker.sock}' : 'emptyDir: {}'}`;
  const meta = `metadata: {name: w-${i}, namespace: ns-${i % 100}, labels: {app: w-${i}}}`;
  if (kind === 'Pod') return `apiVersion: v1\nkind: Pod\n${meta}\nspec:${spec.replace(/\n {6}/g, '\n  ')}\n`;
  return `apiVersion: apps/v1\nkind: ${kind}\n${meta}\nspec:\n  template:\n    metadata: {labels: {app: w-${i}}}\n    spec:${spec.replace(/\n {6}/g, '\n      ')}\n`;
}

export function generateWorkloads(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) docs.push(workload(i));
  return docs.join('---\n');
}

/**
 * Audit of `n` generated workload manifests: `seconds` is the checks over the loaded objects, `parseSeconds`
 * the YAML parse and shape checks before it (target: both together < 1 s for 10k), `cpuSeconds` the CPU time
 * of both plus the manifest line of every finding (what `--format json` asks for), less noisy on a shared machine.
 */
export function benchAudit(n = 10_000): {
  workloads: number;
  seconds: number;
  parseSeconds: number;
  cpuSeconds: number;
  findings: number;
  /** Sum of the findings' lines: keeps the lookups from being optimized away. */
  findingLines: number;
} {
  const text = generateWorkloads(n);
  const c0 = process.cpuUsage();
  const p0 = process.hrtime.bigint();
  const loaded = parseManifestText(text, 'bench.yaml');
  const t0 = process.hrtime.bigint();
  const { findings } = runAudit(loaded.objects);
  const t1 = process.hrtime.bigint();
  let lines = 0;
  for (const f of findings) lines += f.line;
  const cpu = process.cpuUsage(c0);
  return {
    workloads: loaded.objects.length,
    seconds: Number(t1 - t0) / 1e9,
    parseSeconds: Number(t0 - p0) / 1e9,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    findings: findings.length,
    findingLines: lines,
  };
}
