import type { MessageHead } from './message-head.js';
import type { BufferView, HttpBuffers } from './types.js';

/** The reused HttpBuffers object: every field reset before each section. */
export class HttpBuffersImpl implements HttpBuffers {
  http_method: BufferView | null = null;
  http_uri: BufferView | null = null;
  http_raw_uri: BufferView | null = null;
  http_header: BufferView | null = null;
  http_raw_header: BufferView | null = null;
  http_cookie: BufferView | null = null;
  http_raw_cookie: BufferView | null = null;
  http_client_body: BufferView | null = null;
  http_raw_body: BufferView | null = null;
  http_stat_code: BufferView | null = null;
  http_stat_msg: BufferView | null = null;
  http_version: BufferView | null = null;
  http_raw_request: BufferView | null = null;
  http_raw_status: BufferView | null = null;
  http_true_ip: BufferView | null = null;
  http_param: BufferView | null = null;
  http_trailer: BufferView | null = null;
  http_raw_trailer: BufferView | null = null;
  file_data: BufferView | null = null;
  /** The message whose fields `headerField` reads. */
  head: MessageHead | null = null;
  sectionUs = -1;

  headerField(name: string): BufferView | null {
    return this.head === null ? null : this.head.fieldView(name);
  }

  get headSectionLen(): number {
    return this.head === null ? 0 : this.head.sectionLen;
  }

  reset(): void {
    this.http_method = this.http_uri = this.http_raw_uri = null;
    this.http_header = this.http_raw_header = this.http_cookie = this.http_raw_cookie = null;
    this.http_client_body = this.http_raw_body = null;
    this.http_stat_code = this.http_stat_msg = this.http_version = null;
    this.http_raw_request = this.http_raw_status = this.http_true_ip = this.http_param = null;
    this.http_trailer = this.http_raw_trailer = this.file_data = null;
    this.head = null;
  }
}
