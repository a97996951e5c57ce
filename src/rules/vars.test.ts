import { describe, expect, it } from 'vitest';
import { parseVarFlags, varKind, VarTable } from './vars.js';

describe('parseVarFlags (--var NAME=value)', () => {
  it('takes overrides, a leading $ allowed, and they reach variables defined in their terms', () => {
    const vars = parseVarFlags(['HOME_NET=[10.0.0.0/8,fd00::/8]', '$HTTP_PORTS=[80,8080]', 'RULE_PATH=/r']);
    expect(vars).toEqual({ HOME_NET: '[10.0.0.0/8,fd00::/8]', HTTP_PORTS: '[80,8080]', RULE_PATH: '/r' });
    const t = new VarTable(vars);
    expect(t.ipSet('$HTTP_SERVERS')).toBe(t.ipSet('$HTTP_SERVERS'));
    expect(t.get('HTTP_SERVERS')).toBe('$HOME_NET');
  });

  it.each([
    ['HOME_NET=[10.0.0.0/8', /^--var HOME_NET=\[10\.0\.0\.0\/8: missing '\]'$/],
    ['HOME_NET=', /^--var HOME_NET=: empty specification$/],
    ['HOME_NET=10.0.0.0/33', /bad prefix length/],
    ['HOME_NET=!any', /'!any' is not allowed/],
    ['HTTP_PORTS=[80,abc]', /^--var HTTP_PORTS=\[80,abc\]: /],
    ['HTTP_PORTS=70000', /^--var HTTP_PORTS=70000: /],
    ['SSH_PORTS=[22,!22]', /matches nothing/],
    ['DNS_SERVERS=$NOPE', /undefined variable '\$NOPE'/],
    ['HOME_NET=$HOME_NET', /refers to itself/],
    ['=x', /--var expects NAME=value, got "=x"/],
    ['HOME_NET', /--var expects NAME=value/],
    ['BAD-NAME=1', /--var expects NAME=value/],
  ])('refuses %s once, naming the flag (usage error)', (flag, message) => {
    expect(() => parseVarFlags([flag])).toThrow(message);
    try {
      parseVarFlags([flag]);
    } catch (e) {
      expect((e as { code?: string }).code).toBe('E_USAGE');
    }
  });

  it('checks a variable with the overrides it refers to', () => {
    expect(() => parseVarFlags(['HOME_NET=10.1.0.0/16', 'EXTERNAL_NET=!$HOME_NET'])).not.toThrow();
    expect(() => parseVarFlags(['HOME_NET=any', 'EXTERNAL_NET=!$HOME_NET'])).toThrow(
      /--var EXTERNAL_NET=!\$HOME_NET/,
    );
  });

  it('names kinds by Snort conventions and leaves other variables unchecked', () => {
    expect(varKind('HTTP_PORTS')).toBe('port');
    expect(varKind('SSH_PORT')).toBe('port');
    expect(varKind('HOME_NET')).toBe('ip');
    expect(varKind('DNS_SERVERS')).toBe('ip');
    expect(varKind('RULE_PATH')).toBeNull();
    expect(parseVarFlags(['RULE_PATH=[not a list'])).toEqual({ RULE_PATH: '[not a list' });
  });
});
