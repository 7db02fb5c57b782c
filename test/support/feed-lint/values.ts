// How a validator judges single values: dates, addresses, identifiers, email, language, MIME types, and text that
// may or may not hold HTML. Each function names the validator class it reports (feedvalidator's names).

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/** Dates before this, or more than a day after the checker's now, are implausible for a news feed. */
const EARLIEST = Date.UTC(1990, 0, 1);

function plausible(ms: number, now: Date): string | undefined {
  return ms < EARLIEST || ms > now.getTime() + 86_400_000 ? 'ImplausibleDate' : undefined;
}

const RFC822 =
  /^(?:([a-z]{3}), +)?(\d\d?) +([a-z]{3}) +(\d\d(?:\d\d)?) +(\d\d):(\d\d)(?::(\d\d))? +([+-]\d\d\d\d|ut|gmt|z|[a-ik-y]|[ecmp][sd]t)$/i;
const RFC822_LOOSE =
  /^(?:([a-z]{3}) *, *)?(\d\d?) +([a-z]{3}) +(\d\d(?:\d\d)?) +(\d\d):(\d\d)(?::(\d\d))? +([+-]\d\d\d\d|ut|gmt|z|[a-ik-y]|[ecmp][sd]t)$/i;

/** RFC 822 comments, which nest and take backslash escapes, replaced by a space. */
function stripComments(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (depth > 0 && c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && depth > 0) {
      depth--;
      if (depth === 0) out += ' ';
    } else if (depth === 0) out += c;
  }
  return out;
}

/** An RSS date (RFC 822 with RFC 2822's four-digit years): InvalidRFC2822Date, ProblematicalRFC822Date or ImplausibleDate. */
export function checkRfc822(value: string, now: Date): string[] {
  const raw = value.trim();
  const commented = raw.includes('(');
  const cleaned = stripComments(raw).replace(/\s+/g, ' ').trim();
  let m = RFC822.exec(cleaned);
  const loose = !m && (m = RFC822_LOOSE.exec(cleaned));
  if (!m) return ['InvalidRFC2822Date'];
  const [, dow, dayText, monText, yearText, hh, mm, ss, zone] = m;
  const month = MONTHS.indexOf(monText.toLowerCase());
  const year = yearText.length === 2 ? 1900 + Number(yearText) + (Number(yearText) < 50 ? 100 : 0) : Number(yearText);
  const day = Number(dayText);
  if (month < 0 || day < 1 || day > daysIn(year, month) || Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 60)
    return ['InvalidRFC2822Date'];
  if (dow && DAYS.indexOf(dow.toLowerCase()) !== new Date(Date.UTC(year, month, day)).getUTCDay())
    return ['InvalidRFC2822Date'];
  const out: string[] = [];
  const military = /^[a-y]$/i.test(zone) && zone.toLowerCase() !== 'z';
  const oddOffset = /^[+-]\d{4}$/.test(zone) && Number(zone.slice(3)) % 15 !== 0;
  if (commented || loose || yearText.length === 2 || military || oddOffset) out.push('ProblematicalRFC822Date');
  const offset = /^[+-]\d{4}$/.test(zone)
    ? (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3)))
    : 0;
  const ms = Date.UTC(year, month, day, Number(hh), Number(mm), Number(ss ?? 0)) - offset * 60_000;
  const implausible = plausible(ms, now);
  if (implausible) out.push(implausible);
  return out;
}

const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-](\d\d):(\d\d))$/;

/** An Atom date (RFC 3339's date-time): InvalidRFC3339Date or ImplausibleDate. */
export function checkRfc3339(value: string, now: Date): string[] {
  const m = RFC3339.exec(value.trim());
  if (!m) return ['InvalidRFC3339Date'];
  const [year, month, day, hh, mm, ss] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month - 1) || hh > 23 || mm > 59 || ss > 60)
    return ['InvalidRFC3339Date'];
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return ['InvalidRFC3339Date'];
  const implausible = plausible(Date.parse(value.trim()), now);
  return implausible ? [implausible] : [];
}

/** A full address: a scheme, and no spaces. */
export function isAbsoluteUri(value: string): boolean {
  const v = value.trim();
  if (!/^[a-z][a-z0-9+.-]*:[^\s]+$/i.test(v) || /\s/.test(value.trim())) return false;
  if (/^(https?|ftp):/i.test(v)) {
    try {
      const url = new URL(v);
      return url.host !== '';
    } catch {
      return false;
    }
  }
  return true;
}

/** An IRI reference (absolute or relative): no spaces, no characters IRIs forbid, and an authority after http(s):. */
export const isIriReference = (value: string) => !/[\s<>"{}|\\^`]/.test(value) && !/^https?:(?!\/\/[^/])/i.test(value);

const TAG_DATE = /^\d{4}(-\d\d(-\d\d)?)?$/;
const TAG_AUTHORITY =
  /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|[^@\s,]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An Atom id: InvalidLink / InvalidFullLink when not an absolute IRI, InvalidTAG / InvalidURN / InvalidUUID by scheme, NonCanonicalURI. */
export function checkAtomId(value: string): string[] {
  const v = value.trim();
  if (v === '') return ['InvalidFullLink'];
  if (/^tag:/i.test(v)) {
    const m = /^tag:([^,]*),([^:]*):([^\s]*)$/.exec(v);
    if (!m || !TAG_AUTHORITY.test(m[1]) || !TAG_DATE.test(m[2]) || !/^[\w\-.!~*'();/?:@&=+$,%#]*$/.test(m[3]))
      return ['InvalidTAG'];
    return [];
  }
  if (/^urn:/i.test(v)) {
    const m = /^urn:([a-z0-9][a-z0-9-]{0,31}):(\S+)$/i.exec(v);
    if (!m || m[1].toLowerCase() === 'urn') return ['InvalidURN'];
    if (m[1].toLowerCase() === 'uuid' && !UUID.test(m[2])) return ['InvalidUUID'];
    return [];
  }
  if (!isIriReference(v)) return ['InvalidLink'];
  if (!/^[a-z][a-z0-9+.-]*:/i.test(v)) return ['InvalidLink', 'InvalidFullLink'];
  return nonCanonical(v) ? ['NonCanonicalURI'] : [];
}

/** RFC 3986 normal form: lowercase scheme and host, no default port, no needless escapes, a path for http. */
function nonCanonical(v: string): boolean {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/i.exec(v);
  if (!m) return false;
  const [, scheme, authority, path] = m;
  const host = authority.replace(/^[^@]*@/, '');
  if (/^:?@/.test(authority)) return true;
  if (scheme !== scheme.toLowerCase() || host !== host.toLowerCase()) return true;
  if ((scheme === 'http' && /:80$/.test(host)) || (scheme === 'https' && /:443$/.test(host)) || /:$/.test(host))
    return true;
  if (/^https?$/.test(scheme) && path === '') return true;
  if (/(^|\/)\.\.?(\/|$)/.test(path)) return true;
  if (/%(?:[0-9a-f][a-f]|[a-f][0-9a-f]|[a-f]{2})/.test(v)) return true;
  if (/%(2[dDeE]|5[fF]|7[eE]|[46][1-9a-fA-F]|[57][0-9aA]|3[0-9])/.test(v)) return true;
  return false;
}

/** An email address (Atom's email, RSS's author "email (Name)"). */
export const isAddrSpec = (value: string) =>
  /^[a-z0-9._%+!#$&'*/=?^`{|}~-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(value.trim());

/** RSS's author, managingEditor and webMaster: an email, optionally followed by the name in parentheses. */
export function checkRssContact(value: string, raw = value): string[] {
  let v = value.trim();
  if (/^mailto:/i.test(v)) {
    try {
      v = decodeURIComponent(v.slice('mailto:'.length).split('?')[0]);
    } catch {
      return ['InvalidContact'];
    }
    const named = /^[^<>]*<([^<>\s]+)>$/.exec(v.trim());
    if (named) return isAddrSpec(named[1]) ? [] : ['InvalidContact'];
  }
  const m = /^([^\s()]+)(?:\s+\(([^()]*)\))?$/.exec(v.trim());
  if (!m || !isAddrSpec(m[1])) return ['InvalidContact'];
  return m[2] !== undefined && looksLikeHtml(m[2], raw) ? ['ContainsHTML'] : [];
}

/** A language tag (RFC 3066/4646 shape). */
export const isLanguage = (value: string) =>
  /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(value.trim()) || /^x-[a-z0-9]{1,8}(-[a-z0-9]{1,8})*$/i.test(value.trim());

/** A MIME type, as RFC 2045 writes it (parameters allowed). */
export const isMime = (value: string) =>
  /^[^\s()<>@,;:\\"/[\]?=]+\/[^\s()<>@,;:\\"/[\]?=]+(\s*;\s*[^\s()<>@,;:\\"/[\]?=]+=("(\\"|[^"])*"|[^\s()<>@,;:\\"/[\]?=]+))*$/.test(
    value,
  );

export const HTML_TAGS = new Set(
  (
    'a abbr acronym address applet area article aside audio b base basefont bdi bdo big blink blockquote body br button canvas caption center ' +
    'cite code col colgroup dd del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 ' +
    'head header hr html i iframe img input ins isindex kbd label legend li link main map mark marquee menu meta nav noframes noscript object ol optgroup ' +
    'option p param picture pre q s samp script section select small source span strike strong style sub summary sup table tbody td template textarea ' +
    'tfoot th thead time title tr tt u ul var video wbr'
  ).split(' '),
);

export const HTML_ENTITIES = new Set(
  'AElig Aacute Acirc Agrave Alpha Aring Atilde Auml Beta Ccedil Chi Dagger Delta ETH Eacute Ecirc Egrave Epsilon Eta Euml Gamma Iacute Icirc Igrave Iota Iuml Kappa Lambda Mu Ntilde Nu OElig Oacute Ocirc Ograve Omega Omicron Oslash Otilde Ouml Phi Pi Prime Psi Rho Scaron Sigma THORN Tau Theta Uacute Ucirc Ugrave Upsilon Uuml Xi Yacute Yuml Zeta aacute acirc acute aelig agrave alefsym alpha amp and ang aring asymp atilde auml bdquo beta brvbar bull cap ccedil cedil cent chi circ clubs cong copy crarr cup curren dArr dagger darr deg delta diams divide eacute ecirc egrave empty emsp ensp epsilon equiv eta eth euml euro exist fnof forall frac12 frac14 frac34 frasl gamma ge gt hArr harr hearts hellip iacute icirc iexcl igrave image infin int iota iquest isin iuml kappa lArr lambda lang laquo larr lceil ldquo le lfloor lowast loz lrm lsaquo lsquo lt macr mdash micro middot minus mu nabla nbsp ndash ne ni not notin nsub ntilde nu oacute ocirc oelig ograve oline omega omicron oplus or ordf ordm oslash otilde otimes ouml para part permil perp phi pi piv plusmn pound prime prod prop psi quot rArr radic rang raquo rarr rceil rdquo real reg rfloor rho rlm rsaquo rsquo sbquo scaron sdot sect shy sigma sigmaf sim spades sub sube sum sup sup1 sup2 sup3 supe szlig tau there4 theta thetasym thinsp thorn tilde times trade uArr uacute uarr ucirc ugrave uml upsih upsilon uuml weierp xi yacute yen yuml zeta zwj zwnj apos'.split(
    ' ',
  ),
);

/** The first end tag of a known HTML element in some text ("</b>"), if any. */
export function endTag(text: string): string | undefined {
  for (const m of text.matchAll(/<\/(\w+)\s*>/g)) if (HTML_TAGS.has(m[1].toLowerCase())) return m[0];
  return undefined;
}

/**
 * Text that says it is not HTML but reads as HTML: an end tag of an HTML element, or an HTML entity reference in
 * the decoded text, unless the source wrote its characters as hexadecimal references (the RSS Profile's way).
 */
export function looksLikeHtml(decoded: string, raw: string): boolean {
  if (endTag(decoded)) return true;
  if (raw.includes('&#x')) return false;
  for (const m of decoded.matchAll(/&(#?\w+)/g)) {
    const name = m[1];
    if (HTML_ENTITIES.has(name) || !/^[a-z]+$/i.test(name)) return true;
  }
  return false;
}

/** The RSS Profile's advice on plain text: "<" before a letter or "/", and "&" before a name, as hexadecimal references. */
export const poorCharacterData = (raw: string) => /&lt;[a-z/]/i.test(raw.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ''));
