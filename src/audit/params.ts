/** Tunables of the checks, with defaults; an audit config or a test may override any of them. */
export interface AuditParams {
  dangerousCapabilities: string[];
  mustDropAllOf: string[];
  digestExemptRepositories: string[];
  sensitiveKeyNames: string[];
  sensitiveKeyNamesAllowed: string[];
  sensitiveValues: string[];
  sensitiveValuesAllowed: string[];
  /** eks | aks | gke: adds that provider's credential paths to the sensitive hostPath list. */
  cloudProvider: string;
  /** Bounds for resources.requests/limits.memory as Kubernetes quantities; empty = unbounded. */
  memoryRequestMin: string;
  memoryRequestMax: string;
  memoryLimitMin: string;
  memoryLimitMax: string;
}

export const DefaultParams: AuditParams = {
  dangerousCapabilities: [
    'ALL',
    'SYS_ADMIN',
    'SYS_PTRACE',
    'SYS_MODULE',
    'SYS_RAWIO',
    'SYS_BOOT',
    'SYS_TIME',
    'NET_ADMIN',
    'NET_RAW',
    'DAC_READ_SEARCH',
    'BPF',
    'PERFMON',
    'SETPCAP',
    'MAC_OVERRIDE',
    'MAC_ADMIN',
  ],
  mustDropAllOf: [
    'NET_ADMIN',
    'CHOWN',
    'DAC_OVERRIDE',
    'FSETID',
    'FOWNER',
    'MKNOD',
    'NET_RAW',
    'SETGID',
    'SETUID',
    'SETFCAP',
    'SETPCAP',
    'NET_BIND_SERVICE',
    'SYS_CHROOT',
    'KILL',
    'AUDIT_WRITE',
  ],
  digestExemptRepositories: [],
  sensitiveKeyNames: [
    'aws_secret_access_key',
    'azure_batchai_storage_key',
    'azure_batch_key',
    'secret',
    'key',
    'password',
    'pwd',
    'token',
    'jwt',
    'bearer',
    'credential',
  ],
  sensitiveKeyNamesAllowed: [],
  sensitiveValues: [
    'BEGIN \\w+ PRIVATE KEY',
    'PRIVATE KEY',
    'eyJhbGciO',
    'JWT',
    'Bearer',
    '_key_',
    '_secret_',
    'AKIA[0-9A-Z]{16}',
    'ghp_[0-9A-Za-z]{36}',
    'AIza[0-9A-Za-z\\-_]{35}',
    'xox[baprs]-[0-9A-Za-z]{10,48}',
  ],
  sensitiveValuesAllowed: [],
  cloudProvider: '',
  memoryRequestMin: '',
  memoryRequestMax: '',
  memoryLimitMin: '',
  memoryLimitMax: '',
};
