import { COMMUNITY_ID, zeekColumns, type ConnIdFields, type LogStream } from '../types.js';

/** tunnel.log: each encapsulation when it is first seen and, for UDP tunnels, when its connection ends. */
export const TUNNEL_STREAM: LogStream = {
  path: 'tunnel',
  fields: [
    ...zeekColumns(
      'ts uid id.orig_h id.orig_p id.resp_h id.resp_p tunnel_type action',
      'time string addr port addr port enum enum',
    ),
    COMMUNITY_ID,
  ],
};

export type TunnelRecord = ConnIdFields & {
  /** Zeek's Tunnel::Type: `Tunnel::GRE`, `Tunnel::VXLAN`, `Tunnel::GENEVE`, `Tunnel::IP`. */
  tunnel_type: string;
  /** `Tunnel::DISCOVER` or `Tunnel::CLOSE`. */
  action: string;
  community_id: string;
};
