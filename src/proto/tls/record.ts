import type { X509Cert } from './x509.js';

/** One ssl.log row (Zeek's SSL::Info fields, plus JA3/JA4 fingerprints), before connection fields. */
export interface SslLogRecord {
  ts: number;
  version: string | null;
  cipher: string | null;
  curve: string | null;
  server_name: string | null;
  resumed: boolean;
  last_alert: string | null;
  next_protocol: string | null;
  established: boolean;
  ssl_history: string;
  cert_chain_fps: string[];
  client_cert_chain_fps: string[];
  sni_matches_cert: boolean | null;
  ja3: string | null;
  ja3s: string | null;
  ja4: string | null;
  ja4s: string | null;
  /** Parsed certificates (server chain, then the client's), for an x509.log. */
  certs: X509Cert[];
  client_certs: X509Cert[];
}

export interface SslSink {
  ssl(rec: SslLogRecord): void;
}

export function newSslRecord(ts: number): SslLogRecord {
  return {
    ts,
    version: null,
    cipher: null,
    curve: null,
    server_name: null,
    resumed: false,
    last_alert: null,
    next_protocol: null,
    established: false,
    ssl_history: '',
    cert_chain_fps: [],
    client_cert_chain_fps: [],
    sni_matches_cert: null,
    ja3: null,
    ja3s: null,
    ja4: null,
    ja4s: null,
    certs: [],
    client_certs: [],
  };
}
