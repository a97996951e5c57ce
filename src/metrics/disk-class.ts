/**
 * Which /proc/diskstats devices count. node_exporter exports every device but those matching its default
 * `--collector.diskstats.device-exclude`; the disk_read/disk_write features sum whole physical disks only,
 * because device-mapper volumes, md arrays and partitions repeat the I/O of the disks under them (summing
 * all exported devices double counts: see expected_features.json). Regexes run once per new device name.
 */
export const DISK_EXPORTED = 1;
export const DISK_WHOLE = 2;

/** node_exporter's default device-exclude (upstream since 1.6 adds zram to Debian 1.5's `ram`). */
const EXCLUDED = /^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\d+n\d+p)\d+$/;
const PARTITION = /^((h|s|v|xv)d[a-z]+\d+|nvme\d+n\d+p\d+|mmcblk\d+p\d+|md\d+p\d+|nbd\d+p\d+)$/;
const STACKED = /^(dm-\d+|md\d+|drbd\d+|bcache\d+)$/;

export function classifyDisk(name: string): number {
  if (EXCLUDED.test(name)) return 0;
  if (PARTITION.test(name) || STACKED.test(name)) return DISK_EXPORTED;
  return DISK_EXPORTED | DISK_WHOLE;
}
