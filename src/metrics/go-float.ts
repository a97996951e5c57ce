/**
 * A float as Prometheus' Go client writes it (strconv.FormatFloat(v, 'g', -1, 64)): shortest round-trip
 * digits, in exponent form (two exponent digits at least) when the decimal exponent is < -4 or >= 6, so
 * 8885917 is `8.885917e+06`. Matching it lets our exposition diff cleanly against node_exporter's.
 */
export function goFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const e = v.toExponential(); // shortest round-trip digits, e.g. "8.885917e+6"
  const at = e.indexOf('e');
  const exp = Number(e.slice(at + 1));
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${e.slice(0, at)}e${sign}${digits}`;
  }
  return String(v);
}
