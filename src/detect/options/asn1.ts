import { defineOption, fail } from '../option.js';

/** asn1 was dropped by Snort 3; rules using it are reported and skipped, as Snort 3 does. */
export const Asn1Option = defineOption<null>({
  name: 'asn1',
  kind: 'payload',
  help: 'removed in Snort 3',
  params: [],
  parse: () => fail('asn1 was removed from Snort 3'),
  eval: () => false,
  key: () => 'asn1',
});
