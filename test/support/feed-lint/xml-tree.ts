// A feed parsed strictly (saxes) into a small tree that keeps, for each element, its decoded text and its raw
// source: some validator classes are about how a character was written, not what it means.
import { SaxesParser } from 'saxes';

export interface El {
  /** Qualified name as written, e.g. "dc:creator". */
  name: string;
  local: string;
  /** Namespace URI ('' for none). */
  uri: string;
  /** Attribute values by qualified name. */
  attrs: Record<string, string>;
  children: El[];
  /** Decoded text directly inside (text and CDATA). */
  text: string;
  /** The source between the start and the end tag. */
  raw: string;
  parent?: El;
}

export class XmlError extends Error {}

/** Parses a document strictly; throws XmlError for anything that is not well-formed namespaced XML. */
export function parseXml(source: string): El {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: El[] = [];
  const starts: number[] = [];
  let root: El | undefined;
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [name, attr] of Object.entries(tag.attributes))
      attrs[name] = typeof attr === 'string' ? attr : attr.value;
    const el: El = {
      name: tag.name,
      local: tag.local ?? tag.name,
      uri: tag.uri ?? '',
      attrs,
      children: [],
      text: '',
      raw: '',
      parent: stack.at(-1),
    };
    if (el.parent) el.parent.children.push(el);
    else root = el;
    stack.push(el);
    starts.push(parser.position);
  });
  parser.on('closetag', () => {
    const el = stack.pop()!;
    const start = starts.pop()!;
    const end = parser.position;
    el.raw = tagIsEmpty(source, start) ? '' : source.slice(start, source.lastIndexOf('</', end - 1));
  });
  const addText = (t: string) => {
    const el = stack.at(-1);
    if (el) el.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  try {
    parser.write(source).close();
  } catch (e) {
    error ??= e as Error;
  }
  if (error) throw new XmlError(error.message);
  if (!root) throw new XmlError('no root element');
  return root;
}

/** Whether the tag that ends at `position` was self-closing ("<c/>"). */
const tagIsEmpty = (source: string, position: number) => source.slice(Math.max(0, position - 2), position) === '/>';

export const kids = (el: El, local: string, uri?: string) =>
  el.children.filter((c) => c.local === local && (uri === undefined || c.uri === uri));
export const kid = (el: El, local: string, uri?: string) => kids(el, local, uri)[0];
/** Every element below `el`, depth first. */
export function* descendants(el: El): Generator<El> {
  for (const c of el.children) {
    yield c;
    yield* descendants(c);
  }
}
