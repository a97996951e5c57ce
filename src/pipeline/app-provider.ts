import { BUFFER_NAMES, BufferId, type BufferProvider, type BufferView } from '../detect/buffers.js';
import type { AppLayerState } from '../detect/options/app-state.js';

/** Named buffers as proto/ parsers expose them: one field per Snort buffer name, plus header fields. */
export interface NamedBuffers {
  headerField?(name: string): BufferView | null;
  [name: string]: unknown;
}

/**
 * Adapts a parser's named buffers (http_uri, file_data …) and application state (ssl_state …) to the
 * detector's BufferProvider, by Snort's buffer names, without allocating per lookup.
 */
export class AppBufferProvider implements BufferProvider {
  bufs: NamedBuffers | null = null;
  app: AppLayerState | null = null;
  /** ssl_hello and other single buffers a parser hands over directly. */
  readonly extra: (BufferView | null)[] = [];

  set(bufs: NamedBuffers | null, app: AppLayerState | null): this {
    this.bufs = bufs;
    this.app = app;
    this.extra.length = 0;
    return this;
  }

  getBuffer(id: number, field: string | null): BufferView | null {
    const x = this.extra[id];
    if (x !== undefined) return x;
    const b = this.bufs;
    if (b === null) return null;
    if (field !== null && id === BufferId.http_header) return b.headerField ? b.headerField(field) : null;
    const v = b[BUFFER_NAMES[id]!];
    return v === undefined ? null : (v as BufferView | null);
  }
}
