import { describe, expect, it } from 'vitest';
import { escapeHtml, plainRichText } from './escape.js';

describe('chart text escaping', () => {
  it('leaves no markup in an XSS payload', () => {
    const out = escapeHtml('<img src=x onerror="window.__xss=1">&\'');
    expect(out).not.toMatch(/[<>"']/);
    expect(out).toBe('&#60;img src=x onerror=&#34;window.__xss=1&#34;&#62;&#38;&#39;');
  });

  it('keeps rich-text markup out of tooltips', () => {
    expect(plainRichText('{b|bold} a|b')).toBe('⦃b¦bold⦄ a¦b');
  });
});
