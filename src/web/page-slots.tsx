// A page kept without the parts that change more often than the rest: each such part stands as a slot, and every
// view fills the slots of the kept page with its own pieces. The article page keeps its article, its "more to read"
// and its masthead this way, and fills in the discussion and the structured data that counts its comments.
import { randomUUID } from 'node:crypto';

export type SlotName = 'structured-data' | 'discussion';

/** Unique to this process: no text a page shows can hold a slot's marker (every text is escaped, and `<` with it). */
const ID = randomUUID();
const marker = (name: SlotName) => `<!--${name} ${ID}-->`;
/** How a slot comes out of the renderer: its element around its marker. */
const slotBytes = (name: SlotName) => Buffer.from(`<template>${marker(name)}</template>`);
const SLOTS: Record<SlotName, Buffer> = {
  'structured-data': slotBytes('structured-data'),
  discussion: slotBytes('discussion'),
};

/** Stands where a slot's piece goes; never reaches a reader (fillSlots replaces it whole). */
export function Slot({ name }: { name: SlotName }) {
  return <template dangerouslySetInnerHTML={{ __html: marker(name) }} />;
}

/** The kept page with each slot replaced by its piece, in the order the slots stand in the page. */
export function fillSlots(page: Buffer, pieces: [SlotName, Buffer[]][]): Buffer {
  const at = pieces
    .map(([name, piece]) => ({ start: page.indexOf(SLOTS[name]), length: SLOTS[name].length, piece }))
    .sort((a, b) => a.start - b.start);
  const out: Buffer[] = [];
  let from = 0;
  for (const slot of at) {
    if (slot.start < from) throw new Error('A slot of the kept page is missing, or stands twice.');
    out.push(page.subarray(from, slot.start), ...slot.piece);
    from = slot.start + slot.length;
  }
  out.push(page.subarray(from));
  return Buffer.concat(out);
}
