/** Snort 3's default classification table (lua/classification.lua): classtype → description, priority. */
export interface Classification {
  name: string;
  description: string;
  priority: number;
}

const TABLE: [string, number, string][] = [
  ['not-suspicious', 3, 'Not Suspicious Traffic'],
  ['unknown', 3, 'Unknown Traffic'],
  ['bad-unknown', 2, 'Potentially Bad Traffic'],
  ['attempted-recon', 2, 'Attempted Information Leak'],
  ['successful-recon-limited', 2, 'Information Leak'],
  ['successful-recon-largescale', 2, 'Large Scale Information Leak'],
  ['attempted-dos', 2, 'Attempted Denial of Service'],
  ['successful-dos', 2, 'Denial of Service'],
  ['attempted-user', 1, 'Attempted User Privilege Gain'],
  ['unsuccessful-user', 1, 'Unsuccessful User Privilege Gain'],
  ['successful-user', 1, 'Successful User Privilege Gain'],
  ['attempted-admin', 1, 'Attempted Administrator Privilege Gain'],
  ['successful-admin', 1, 'Successful Administrator Privilege Gain'],
  ['rpc-portmap-decode', 2, 'Decode of an RPC Query'],
  ['shellcode-detect', 1, 'Executable code was detected'],
  ['string-detect', 3, 'A suspicious string was detected'],
  ['suspicious-filename-detect', 2, 'A suspicious filename was detected'],
  ['suspicious-login', 2, 'An attempted login using a suspicious username was detected'],
  ['system-call-detect', 2, 'A system call was detected'],
  ['tcp-connection', 4, 'A TCP connection was detected'],
  ['trojan-activity', 1, 'A Network Trojan was detected'],
  ['unusual-client-port-connection', 2, 'A client was using an unusual port'],
  ['network-scan', 3, 'Detection of a Network Scan'],
  ['denial-of-service', 2, 'Detection of a Denial of Service Attack'],
  ['non-standard-protocol', 2, 'Detection of a non-standard protocol or event'],
  ['protocol-command-decode', 3, 'Generic Protocol Command Decode'],
  ['web-application-activity', 2, 'access to a potentially vulnerable web application'],
  ['web-application-attack', 1, 'Web Application Attack'],
  ['misc-activity', 3, 'Misc activity'],
  ['misc-attack', 2, 'Misc Attack'],
  ['icmp-event', 3, 'Generic ICMP event'],
  ['inappropriate-content', 1, 'Inappropriate Content was Detected'],
  ['policy-violation', 1, 'Potential Corporate Privacy Violation'],
  ['default-login-attempt', 2, 'Attempt to login by a default username and password'],
  ['sdf', 2, 'Senstive Data'],
  ['file-format', 1, 'Known malicious file or file based exploit'],
  ['malware-cnc', 1, 'Known malware command and control traffic'],
  ['client-side-exploit', 1, 'Known client side exploit attempt'],
];

/** Priority of rules with neither `priority:` nor a classtype. */
export const DEFAULT_PRIORITY = 3;

/** A fresh copy of the default table (a rules file may add entries with `config classification:`). */
export function defaultClassifications(): Map<string, Classification> {
  const m = new Map<string, Classification>();
  for (const [name, priority, description] of TABLE) m.set(name, { name, description, priority });
  return m;
}

const DEFAULTS = defaultClassifications();

/** Looks a classtype up in the default table (alert output: the `class` description). */
export function classificationOf(name: string): Classification | undefined {
  return DEFAULTS.get(name);
}
