/** HTML-escape for any chart text built from data (defence in depth beside richText tooltips). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * ECharts' rich-text markup treats `{name|text}` specially; data shown in a richText tooltip must not
 * be able to restyle it, so braces and pipes are replaced with look-alikes.
 */
export function plainRichText(s: string): string {
  return s.replace(/[{}|]/g, (c) => (c === '{' ? '⦃' : c === '}' ? '⦄' : '¦'));
}
