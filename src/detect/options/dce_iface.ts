import { defineOption, fail, requireArgs, splitArgs } from '../option.js';
import { appState } from './app-state.js';
import { inRange, parseRange, type RangeState } from './range.js';

export interface DceIfaceState {
  uuid: string;
  version: RangeState | null;
  anyFrag: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const DceIfaceOption = defineOption<DceIfaceState>({
  name: 'dce_iface',
  kind: 'flow',
  help: 'detection option to check DCE/RPC interface',
  params: [
    { name: 'uuid', type: 'string', help: 'match given DCE/RPC UUID' },
    { name: 'version', type: 'interval', range: '0:65535', help: 'interface version' },
    { name: 'any_frag', type: 'implied', help: 'match on any fragment' },
  ],
  parse(args) {
    const parts = splitArgs(requireArgs('dce_iface', args));
    const s: DceIfaceState = { uuid: '', version: null, anyFrag: false };
    for (const p of parts) {
      const t = p.replace(/^uuid\s+/, '');
      if (UUID.test(t)) s.uuid = t.toLowerCase();
      else if (p === 'any_frag') s.anyFrag = true;
      else if (p.startsWith('version')) s.version = parseRange(p.slice(7), 'dce_iface version', 0, 65535);
      // A bare comparison (Suricata's `<uuid>,>1` form); anything else is a malformed UUID.
      else if (/^[<>=!]*\s*\d+(?:\s*<=?>\s*\d+)?$/.test(p))
        s.version = parseRange(p, 'dce_iface version', 0, 65535);
      else fail(`dce_iface: invalid UUID '${p}'`);
    }
    if (s.uuid === '') fail('dce_iface: a UUID is required');
    return s;
  },
  eval(s, ctx) {
    const d = appState(ctx)?.dce;
    if (d === undefined) return false;
    if (d.iface !== s.uuid) return false;
    if (s.version !== null && !inRange(s.version, d.ifaceVersion)) return false;
    return s.anyFrag || d.firstFrag;
  },
  key: (s) =>
    `dce_iface:${s.uuid}:${s.version ? `${s.version.op}:${s.version.lo}:${s.version.hi}` : ''}:${s.anyFrag ? 1 : 0}`,
});
