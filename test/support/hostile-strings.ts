// Text that breaks naive code, of our own writing, so the feeds, sitemaps and structured data are tested against it
// even without ../shared/testdata/naughty-strings: markup and its escapes, the ends of CDATA sections, scripts and
// comments, templates and SQL, right-to-left and combining marks, astral characters, non-Latin scripts.
import fs from 'node:fs';
import { hasControlCharacters } from '../../src/platform/text.ts';
import { sharedTestdata } from './shared-testdata.ts';

export const HOSTILE_STRINGS: readonly string[] = [
  '<script>alert("gotcha")</script>',
  '</title><script>alert(1)</script>',
  'Ferry ]]> strike ]]> ends',
  ']]><evil/>',
  'AT&T &amp; &lt;b&gt; &#x3C; &#60; &nbsp; &copy; &omega; alpha&omega',
  'Tom & Jerry’s "quotes" and \'apostrophes\'',
  '<!-- not a comment --> <![CDATA[not data]]>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(document.cookie)',
  '</script><!--<script>',
  '{{constructor.constructor("alert(1)")()}} ${process.exit(1)} <%= 7*7 %>',
  "Robert'); DROP TABLE articles;--",
  '%00 %3Cscript%3E %E2%80%AE',
  '\u202Egnp.exe — right-to-left override',
  'الأخبار العاجلة: وزير يعلن',
  'חדשות בעברית',
  '東京湾フェリー、冬ダイヤに',
  'Новости дня: паром',
  'समाचार: नौका सेवा',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇ headline',
  '👨‍👩‍👧‍👦 🇨🇺 𝕿𝖍𝖊 𝖓𝖊𝖜𝖘',
  'line\u2028separator\u2029paragraph',
  '\uFEFFbyte order mark',
  'http://example.org/?a=1&b=2#frag',
  '&#x26;#x26; double &amp;amp; escaped',
];

/** The strings a person can type into a field: trimmed, not empty, within its length, without control characters. */
export const typeable = (s: string, max: number) => s.trim() !== '' && s.trim().length <= max && !hasControlCharacters(s);

/** The Big List of Naughty Strings from the shared test data, or a reason to skip. */
export function naughtyStrings(): { strings: string[]; skip: false } | { strings: []; skip: string } {
  const file = sharedTestdata('naughty-strings', 'blns.json');
  if (file.skip !== false) return { strings: [], skip: file.skip };
  return { strings: JSON.parse(fs.readFileSync(file.path, 'utf8')) as string[], skip: false };
}
