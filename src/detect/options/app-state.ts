import type { EvalContext } from '../context.js';

/**
 * Application-layer facts that dce_*, ssl_* and sip_* options test. proto/ fills it and exposes it as
 * `BufferProvider.app`; until then these options never match.
 */
export interface AppLayerState {
  /** `little`: the PDU's integer byte order (drep), used by byte_test/byte_jump/byte_extract `dce`. */
  dce?: { iface: string; ifaceVersion: number; opnum: number; firstFrag: boolean; little?: boolean };
  /** Bits named as in ssl-state.ts / ssl-version lists. */
  ssl?: { stateBits: number; versionBits: number };
  sip?: { method: string; statCode: number };
}

export function appState(ctx: EvalContext): AppLayerState | null {
  const p = ctx.provider;
  const app = p === null ? undefined : p.app;
  return app === undefined || app === null ? null : (app as AppLayerState);
}
