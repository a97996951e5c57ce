import { zeekColumns, type LogStream } from '../types.js';

/** x509.log: one row per certificate seen (Zeek's X509::Info). Not per flow, so no Community ID column. */
export const X509_STREAM: LogStream = {
  path: 'x509',
  fields: zeekColumns(
    `ts fingerprint certificate.version certificate.serial certificate.subject certificate.issuer
     certificate.not_valid_before certificate.not_valid_after certificate.key_alg certificate.sig_alg
     certificate.key_type certificate.key_length certificate.exponent certificate.curve san.dns san.uri
     san.email san.ip basic_constraints.ca basic_constraints.path_len host_cert client_cert`,
    `time string count string string string
     time time string string
     string count string string vector[string] vector[string]
     vector[string] vector[addr] bool count bool bool`,
  ),
};

export type X509Record = {
  ts: number;
  fingerprint: string;
  'certificate.version': number;
  'certificate.serial': string;
  'certificate.subject': string;
  'certificate.issuer': string;
  'certificate.not_valid_before': number;
  'certificate.not_valid_after': number;
  'certificate.key_alg': string;
  'certificate.sig_alg': string;
  'certificate.key_type': string | null;
  'certificate.key_length': number | null;
  'certificate.exponent': string | null;
  'certificate.curve': string | null;
  'san.dns': readonly string[] | null;
  'san.uri': readonly string[] | null;
  'san.email': readonly string[] | null;
  'san.ip': readonly string[] | null;
  'basic_constraints.ca': boolean | null;
  'basic_constraints.path_len': number | null;
  host_cert: boolean;
  client_cert: boolean;
};
