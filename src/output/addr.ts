/** Address text as Snort prints it: dotted quad for IPv4, RFC 5952 compressed form for IPv6. */
export function ipText(ver: number, a: Uint8Array): string {
  if (ver === 4) return `${a[0]}.${a[1]}.${a[2]}.${a[3]}`;
  const w: number[] = [];
  for (let i = 0; i < 16; i += 2) w.push((a[i]! << 8) | a[i + 1]!);
  // Longest run (>= 2) of zero words is compressed to "::".
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (w[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && w[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hexw = (ws: number[]) => ws.map((x) => x.toString(16)).join(':');
  if (bestStart < 0) return hexw(w);
  return `${hexw(w.slice(0, bestStart))}::${hexw(w.slice(bestStart + bestLen))}`;
}

/** Snort's timestamp: MM/DD-HH:MM:SS.uuuuuu in UTC. */
export function snortTime(sec: number, usec: number): string {
  const d = new Date(sec * 1000);
  const p2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  return (
    `${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())}-${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:` +
    `${p2(d.getUTCSeconds())}.${String(usec).padStart(6, '0')}`
  );
}
