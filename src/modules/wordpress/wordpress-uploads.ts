// Upload addresses in every form WordPress writes them into a body: absolute, protocol-relative
// (//old.example/wp-content/uploads/...), site-relative (/wp-content/uploads/...), resized variants
// (photo-1024x683.jpg, made from photo.jpg) and lists of them in srcset. Found in one pass over the text's
// address-like runs, so a hostile body costs no more than a long one.

const MARK = '/wp-content/uploads/';
// What an address may be made of: up to a space, a quote, an angle or square bracket, a parenthesis.
const RUN = /[^\s"'<>[\]()]+/g;
const VARIANT = /^(.*)-\d{1,5}x\d{1,5}(\.[A-Za-z0-9]{1,5})$/;

export interface UploadAddress {
  /** As written in the text. */
  written: string;
  /** Made absolute against the old site's address (site-relative and protocol-relative ones). */
  absolute: string;
  /** The file's path under wp-content/uploads, decoded ("2024/05/photo-1024x683.jpg"). */
  relative: string;
}

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

const PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?']);

/** The address in a run of address characters that holds MARK at `at`, and where it starts; or undefined. */
function addressIn(run: string, at: number, origin: string): (UploadAddress & { start: number }) | undefined {
  const slashes = run.indexOf('//');
  let start: number;
  if (slashes !== -1 && slashes < at) {
    const scheme = /https?:$/i.exec(run.slice(Math.max(0, slashes - 6), slashes));
    start = scheme ? slashes - scheme[0].length : slashes;
  } else {
    start = run.indexOf('/');
  }
  // Sentence punctuation after an address in text is not part of it.
  let end = run.length;
  while (end > start && PUNCTUATION.has(run[end - 1])) end--;
  const written = run.slice(start, end);
  const path = written.slice(written.indexOf(MARK) + MARK.length).split(/[?#]/, 1)[0];
  if (!path) return undefined;
  let absolute: string;
  try {
    absolute = new URL(written, origin).href;
  } catch {
    return undefined;
  }
  if (!/^https?:/i.test(absolute)) return undefined;
  return { written, absolute, relative: path.split('/').map(decode).join('/'), start };
}

/** The text with every upload address replaced by what `replace` returns for it. */
export function replaceUploadAddresses(
  text: string,
  origin: string,
  replace: (address: UploadAddress) => string,
): string {
  if (!text.includes(MARK)) return text;
  return text.replace(RUN, (run) => {
    const at = run.indexOf(MARK);
    const found = at === -1 ? undefined : addressIn(run, at, origin);
    if (!found) return run;
    const { start, ...address } = found;
    return run.slice(0, start) + replace(address) + run.slice(start + address.written.length);
  });
}

/** Every upload address in the text, once each. */
export function uploadAddresses(text: string, origin: string): UploadAddress[] {
  const found = new Map<string, UploadAddress>();
  replaceUploadAddresses(text, origin, (a) => {
    found.set(a.absolute, a);
    return a.written;
  });
  return [...found.values()];
}

/** The file WordPress made a resized variant from ("2024/05/photo-1024x683.jpg" -> "2024/05/photo.jpg"), or undefined. */
export function originalOf(relative: string): string | undefined {
  const m = VARIANT.exec(relative);
  return m ? `${m[1]}${m[2]}` : undefined;
}
