// The parse-only baseline of the import benchmark: one streaming read of a WXR file through the same
// reader the import uses, no database. Prints "items comments".
import fs from 'node:fs';
import { readWxr } from '../src/modules/wordpress/wxr-reader.ts';

let items = 0;
let comments = 0;
for await (const record of readWxr(fs.createReadStream(process.argv[2], { highWaterMark: 256 * 1024 }))) {
  if (record.type === 'item') {
    items++;
    comments += record.item.comments.length;
  }
}
console.log(`${items} ${comments}`);
