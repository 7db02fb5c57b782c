// Parts of a page filled in after it is rendered: each stands as a slot, and the page's bytes are joined with each
// slot's piece in its place. The comment list is one (its items come as held bytes, never rendered again); the
// article page is kept without its discussion and its structured data, which each view fills in.
import { randomUUID } from 'node:crypto';

export type SlotName = 'structured-data' | 'discussion' | 'comment-list';

/** Unique to this process: no text a page shows can hold a slot's marker (every text is escaped, and `<` with it). */
const ID = randomUUID();
const marker = (name: SlotName) => `<!--${name} ${ID}-->`;
/** How a slot comes out of the renderer: its element around its marker. */
const slotBytes = (name: SlotName) => Buffer.from(`<template>${marker(name)}</template>`);
const SLOTS: Record<SlotName, Buffer> = {
  'structured-data': slotBytes('structured-data'),
  discussion: slotBytes('discussion'),
  'comment-list': slotBytes('comment-list'),
};

/** Stands where a slot's piece goes; never reaches a reader (slotPieces replaces it whole). */
export function Slot({ name }: { name: SlotName }) {
  return <template dangerouslySetInnerHTML={{ __html: marker(name) }} />;
}

/**
 * The page's bytes with each slot replaced by its piece, as the pieces to join: nothing is copied until the whole
 * answer is joined (fillSlots).
 */
export function slotPieces(page: Buffer, pieces: [SlotName, Buffer[]][]): Buffer[] {
  const at = pieces
    .map(([name, piece]) => ({ start: page.indexOf(SLOTS[name]), length: SLOTS[name].length, piece }))
    .sort((a, b) => a.start - b.start);
  const out: Buffer[] = [];
  let from = 0;
  for (const slot of at) {
    if (slot.start < from) throw new Error('A slot of the page is missing, or stands twice.');
    out.push(page.subarray(from, slot.start), ...slot.piece);
    from = slot.start + slot.length;
  }
  out.push(page.subarray(from));
  return out;
}

/** The page with each slot replaced by its piece, joined. */
export const fillSlots = (page: Buffer, pieces: [SlotName, Buffer[]][]): Buffer =>
  Buffer.concat(slotPieces(page, pieces));
