// Encoder for MapLibre/Mapbox glyph PBFs ("fontstack/range.pbf"), pure.
//
//   message glyphs    { repeated fontstack stacks = 1; }
//   message fontstack { required string name = 1; required string range = 2; repeated glyph glyphs = 3; }
//   message glyph     { required uint32 id = 1; optional bytes bitmap = 2; required uint32 width = 3;
//                       required uint32 height = 4; required sint32 left = 5; required sint32 top = 6;
//                       required uint32 advance = 7; }
//
// The bitmap is a one-byte-per-pixel SDF of (width + 2·BORDER) × (height + 2·BORDER) pixels.
import Pbf from 'pbf';

/** Padding around each glyph bitmap that MapLibre assumes (GLYPH_PBF_BORDER). */
export const GLYPH_BORDER = 3;

export interface GlyphRecord {
  id: number;
  /** Omitted for empty glyphs (e.g. space). */
  bitmap?: Uint8Array | Uint8ClampedArray | null;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

export interface FontStackRecord {
  name: string;
  /** e.g. "0-255" */
  range: string;
  glyphs: GlyphRecord[];
}

function assertUint(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError(`${what} must be a uint32, got ${value}`);
}

function assertInt(value: number, what: string): void {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) throw new RangeError(`${what} must be an int32, got ${value}`);
}

export function validateGlyph(glyph: GlyphRecord): void {
  assertUint(glyph.id, 'glyph id');
  assertUint(glyph.width, 'glyph width');
  assertUint(glyph.height, 'glyph height');
  assertUint(glyph.advance, 'glyph advance');
  assertInt(glyph.left, 'glyph left');
  assertInt(glyph.top, 'glyph top');
  if (glyph.bitmap && glyph.bitmap.length > 0) {
    const expected = (glyph.width + 2 * GLYPH_BORDER) * (glyph.height + 2 * GLYPH_BORDER);
    if (glyph.bitmap.length !== expected) {
      throw new RangeError(`glyph ${glyph.id}: bitmap has ${glyph.bitmap.length} bytes, expected ${expected}`);
    }
  }
}

function writeGlyph(glyph: GlyphRecord, pbf: Pbf): void {
  pbf.writeVarintField(1, glyph.id);
  if (glyph.bitmap && glyph.bitmap.length > 0) {
    const bytes = glyph.bitmap instanceof Uint8Array ? glyph.bitmap : new Uint8Array(glyph.bitmap.buffer, glyph.bitmap.byteOffset, glyph.bitmap.length);
    pbf.writeBytesField(2, bytes);
  }
  pbf.writeVarintField(3, glyph.width);
  pbf.writeVarintField(4, glyph.height);
  pbf.writeSVarintField(5, glyph.left);
  pbf.writeSVarintField(6, glyph.top);
  pbf.writeVarintField(7, glyph.advance);
}

function writeFontStack(stack: FontStackRecord, pbf: Pbf): void {
  pbf.writeStringField(1, stack.name);
  pbf.writeStringField(2, stack.range);
  for (const glyph of stack.glyphs) pbf.writeMessage(3, writeGlyph, glyph);
}

/** Encodes one or more font stacks into a glyph PBF. Throws RangeError on invalid glyphs. */
export function encodeGlyphPbf(stacks: FontStackRecord | readonly FontStackRecord[]): Uint8Array {
  const list = Array.isArray(stacks) ? (stacks as readonly FontStackRecord[]) : [stacks as FontStackRecord];
  for (const stack of list) for (const glyph of stack.glyphs) validateGlyph(glyph);
  const pbf = new Pbf();
  for (const stack of list) pbf.writeMessage(1, writeFontStack, stack);
  return pbf.finish();
}

/** A standalone ArrayBuffer holding exactly the bytes of `view` (what protocol handlers return). */
export function toArrayBuffer(view: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(view.byteLength);
  copy.set(view);
  return copy.buffer;
}
