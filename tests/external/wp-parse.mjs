// Parses WordPress block markup from stdin with WordPress's own parser and
// prints the block tree as JSON: [{name, attrs, innerHTML, innerBlocks}].
import { parse } from '@wordpress/block-serialization-default-parser';

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;
const strip = (blocks) =>
  blocks
    .filter((b) => b.blockName !== null || b.innerHTML.trim() !== '')
    .map((b) => ({ name: b.blockName, attrs: b.attrs, innerHTML: b.innerHTML, innerBlocks: strip(b.innerBlocks) }));
process.stdout.write(JSON.stringify(strip(parse(input))));
