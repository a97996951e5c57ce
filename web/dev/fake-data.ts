/**
 * Canned data shaped per docs/api.md for developing the dashboard without a server. Deterministic (a
 * seeded generator), so screenshots from `VIGIL_FAKE_API=1 npx vite web` compare run to run.
 */
import { FEATURE_NAMES } from '../../src/metrics/features.js';
const FEATURES = FEATURE_NAMES;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export type Row = Record<string, unknown>;

export interface FakeData {
  now: number;
  samples: Row[];
  scores: Row[];
  alerts: Row[];
  logs: Record<string, Row[]>;
  rules: Map<string, string>;
  audit: Row;
}

const SIGS = [
  {
    gid: 1,
    sid: 43289,
    rev: 1,
    msg: 'SERVER-WEBAPP /etc/shadow file access attempt',
    classtype: 'web-application-attack',
    class: 'Web Application Attack',
    priority: 1,
    proto: 'TCP',
    dport: 80,
  },
  {
    gid: 1,
    sid: 366,
    rev: 11,
    msg: 'PROTOCOL-ICMP PING Unix',
    classtype: 'misc-activity',
    class: 'Misc activity',
    priority: 3,
    proto: 'ICMP',
    dport: 0,
  },
  {
    gid: 1,
    sid: 1122,
    rev: 19,
    msg: 'SERVER-WEBAPP /etc/passwd file access attempt',
    classtype: 'attempted-recon',
    class: 'Attempted Information Leak',
    priority: 2,
    proto: 'TCP',
    dport: 80,
  },
  {
    gid: 1,
    sid: 3132,
    rev: 10,
    msg: 'FILE-IMAGE PNG large image width overflow attempt <img src=x onerror=window.__xss=1>',
    classtype: 'attempted-user',
    class: 'Attempted User Privilege Gain',
    priority: 1,
    proto: 'TCP',
    dport: 443,
  },
];

export function makeFakeData(now = Math.floor(Date.now() / 1000)): FakeData {
  const r = rng(7);
  const nodes = ['node-a', 'node-b', 'control-plane'];
  const samples: Row[] = [];
  const scores: Row[] = [];
  for (const node of nodes)
    for (let t = now - 6 * 3600; t <= now; t += 60) {
      const attack = node === 'node-a' && t > now - 7200 && t < now - 5400;
      const s: Row = { node, ts: t, attack: 0 };
      FEATURES.forEach((f, i) => (s[f] = Math.round((100 + i * 10) * (1 + 0.1 * r() + (attack ? 0.8 : 0)))));
      samples.push(s);
      const score = Math.min(1, 0.2 * r() + (attack ? 0.7 : 0));
      scores.push({
        node,
        ts: t,
        score,
        multivariate: score * 0.9,
        drivers: [{ feature: 'forks_total', share: 0.6 }],
      });
    }
  const alerts: Row[] = [];
  const http: Row[] = [];
  const conn: Row[] = [];
  for (let i = 0; i < 240; i++) {
    const sig = SIGS[i % SIGS.length]!;
    const ts = now - Math.floor(r() * 86_400);
    const src = `10.200.0.${10 + (i % 17)}`;
    const cid = `1:fake${i}=`;
    alerts.push({
      id: i + 1,
      ts,
      node: nodes[i % 2]!,
      ...sig,
      rule: `${sig.gid}:${sig.sid}:${sig.rev}`,
      action: 'allow',
      dir: 'C2S',
      src_addr: src,
      src_port: sig.dport === 0 ? 0 : 40000 + i,
      dst_addr: '10.200.0.2',
      dst_port: sig.dport,
      src_ap: `${src}:${40000 + i}`,
      dst_ap: `10.200.0.2:${sig.dport}`,
      community_id: cid,
      service: sig.dport === 80 ? 'http' : 'unknown',
      ...(i % 3 === 0 ? { src_pod: `web-${i % 5}`, src_ns: 'shop' } : {}),
    });
    conn.push({
      ts,
      uid: `C${i}`,
      'id.orig_h': src,
      'id.orig_p': 40000 + i,
      'id.resp_h': '10.200.0.2',
      'id.resp_p': sig.dport,
      proto: sig.proto.toLowerCase(),
      service: 'http',
      duration: 0.01,
      orig_bytes: 300,
      resp_bytes: 1200,
      conn_state: 'SF',
      community_id: cid,
    });
    if (sig.dport === 80)
      http.push({
        ts,
        uid: `C${i}`,
        'id.orig_h': src,
        'id.orig_p': 40000 + i,
        'id.resp_h': '10.200.0.2',
        'id.resp_p': 80,
        trans_depth: 1,
        method: 'GET',
        host: 'api.vigil.test',
        uri: i % 8 === 0 ? '/<img src=x onerror=window.__xss=1>' : '/cgi-bin/../../etc/shadow',
        user_agent: 'curl/8.5.0',
        status_code: 404,
        community_id: cid,
      });
  }
  const rules = new Map(
    SIGS.map((s) => [
      `${s.gid}:${s.sid}`,
      `alert tcp $EXTERNAL_NET any -> $HOME_NET $HTTP_PORTS ( msg:"${s.msg}"; flow:to_server,established; content:"/etc/shadow"; sid:${s.sid}; rev:${s.rev}; )`,
    ]),
  );
  const dns = Array.from({ length: 30 }, (_, i) => ({
    ts: now - i * 300,
    uid: `D${i}`,
    'id.orig_h': '10.200.0.1',
    'id.orig_p': 50000 + i,
    'id.resp_h': '10.200.0.2',
    'id.resp_p': 53,
    proto: 'udp',
    query: `host-${i}.vigil.test`,
    qtype_name: 'A',
    rcode_name: i % 7 === 0 ? 'NXDOMAIN' : 'NOERROR',
    answers: ['10.200.0.2'],
  }));
  const ssl = Array.from({ length: 12 }, (_, i) => ({
    ts: now - i * 900,
    uid: `S${i}`,
    'id.orig_h': '10.200.0.5',
    'id.orig_p': 51000 + i,
    'id.resp_h': '10.200.0.2',
    'id.resp_p': 443,
    version: 'TLSv13',
    server_name: 'api.vigil.test',
    established: true,
  }));
  const ws = ['frontend/webapp', 'backend/checkout', 'backend/catalog', 'payments/gateway', 'payments/visa'];
  const audit: Row = {
    run_id: 1,
    created_ts: now - 600,
    source: 'vigil audit -f deploy/',
    findings: [
      {
        id: 'privileged-container',
        topic: 'privileged',
        severity: 'critical',
        object: { kind: 'Deployment', namespace: 'prod', name: 'risky' },
        path: 'spec.template.spec.containers[0].securityContext.privileged',
        message: 'container "main" is privileged',
        remediation: 'Remove securityContext.privileged.',
      },
      {
        id: 'host-path',
        topic: 'hostPath',
        severity: 'high',
        object: { kind: 'DaemonSet', namespace: 'kube-system', name: 'agent' },
        path: 'spec.template.spec.volumes[0].hostPath',
        message: 'mounts /var/run/docker.sock',
        remediation: 'Do not mount the runtime socket.',
      },
      {
        id: 'run-as-root',
        topic: 'root',
        severity: 'medium',
        object: { kind: 'Deployment', namespace: 'shop', name: 'web' },
        path: 'spec.template.spec.securityContext.runAsNonRoot',
        message: 'may run as root',
        remediation: 'Set runAsNonRoot: true.',
      },
    ],
    reach: {
      nodes: ws.map((w, i) => ({
        id: `${w}[Deployment]`,
        namespace: w.split('/')[0],
        name: w.split('/')[1],
        kind: 'Deployment',
        protected: { ingress: i !== 1, egress: i !== 1 && i !== 3 },
      })),
      edges: [
        [0, 1],
        [1, 2],
        [1, 3],
        [3, 4],
      ].map(([a, b]) => ({ src: `${ws[a!]}[Deployment]`, dst: `${ws[b!]}[Deployment]`, conn: 'TCP 8080' })),
    },
  };
  return { now, samples, scores, alerts, logs: { conn, http, dns, ssl }, rules, audit };
}
