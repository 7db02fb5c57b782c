import { SaxesParser } from 'saxes';
const src = '<a>é😀<b x="1">t&amp;x<![CDATA[c]]></b><c/></a>';
const p = new SaxesParser({ xmlns: true, position: true });
p.on('opentag', (t) => console.log('open', t.name, p.position, JSON.stringify(src.slice(0, p.position))));
p.on('closetag', (t) => console.log('close', t.name, p.position, JSON.stringify(src.slice(0, p.position))));
p.write(src).close();
