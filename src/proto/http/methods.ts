/** Request methods that are not `unknown_HTTP_method` (RFC 9110, WebDAV, and common extensions). */
const KNOWN = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
  'PROPFIND',
  'PROPPATCH',
  'MKCOL',
  'COPY',
  'MOVE',
  'LOCK',
  'UNLOCK',
  'SEARCH',
  'REPORT',
  'MKACTIVITY',
  'CHECKOUT',
  'MERGE',
  'M-SEARCH',
  'NOTIFY',
  'SUBSCRIBE',
  'UNSUBSCRIBE',
  'POLL',
  'BCOPY',
  'BDELETE',
  'BMOVE',
  'BPROPFIND',
  'BPROPPATCH',
  'ACL',
  'BIND',
  'UNBIND',
  'REBIND',
  'LABEL',
  'MKWORKSPACE',
  'UPDATE',
  'VERSION-CONTROL',
  'BASELINE-CONTROL',
  'MKCALENDAR',
  'ORDERPATCH',
  'UNCHECKOUT',
  'UPDATEREDIRECTREF',
  'PURGE',
  'LINK',
  'UNLINK',
  'PRI',
]);

export function isKnownMethod(m: string): boolean {
  return KNOWN.has(m);
}

/** RFC 9110 token characters. */
export const TCHAR = (() => {
  const t = new Uint8Array(256);
  for (let c = 0x21; c < 0x7f; c++) t[c] = 1;
  for (const ch of '"(),/:;<=>?@[\\]{}') t[ch.charCodeAt(0)] = 0;
  return t;
})();
