import Pbf from 'pbf';
import { describe, expect, it } from 'vitest';
import { encodeGlyphPbf, GLYPH_BORDER, toArrayBuffer, type FontStackRecord, type GlyphRecord } from './glyph-pbf.js';

// Reference decoder written against the .proto (mirrors MapLibre's parse_glyph_pbf.ts).
function decode(buf: Uint8Array | ArrayBuffer): FontStackRecord[] {
  const readGlyph = (tag: number, g: GlyphRecord, pbf: Pbf) => {
    if (tag === 1) g.id = pbf.readVarint();
    else if (tag === 2) g.bitmap = pbf.readBytes();
    else if (tag === 3) g.width = pbf.readVarint();
    else if (tag === 4) g.height = pbf.readVarint();
    else if (tag === 5) g.left = pbf.readSVarint();
    else if (tag === 6) g.top = pbf.readSVarint();
    else if (tag === 7) g.advance = pbf.readVarint();
  };
  const readStack = (tag: number, s: FontStackRecord, pbf: Pbf) => {
    if (tag === 1) s.name = pbf.readString();
    else if (tag === 2) s.range = pbf.readString();
    else if (tag === 3) s.glyphs.push(pbf.readMessage(readGlyph, { id: 0, width: 0, height: 0, left: 0, top: 0, advance: 0 }));
  };
  return new Pbf(buf).readFields((tag, stacks: FontStackRecord[], pbf) => {
    if (tag === 1) stacks.push(pbf.readMessage(readStack, { name: '', range: '', glyphs: [] }));
  }, []);
}

function bitmap(width: number, height: number, seed: number): Uint8Array {
  const out = new Uint8Array((width + 2 * GLYPH_BORDER) * (height + 2 * GLYPH_BORDER));
  for (let i = 0; i < out.length; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

describe('encodeGlyphPbf', () => {
  it('round-trips glyphs, including negative offsets and empty glyphs', () => {
    const stack: FontStackRecord = {
      name: 'WenQuanYi Micro Hei,Noto Sans CJK SC',
      range: '0-255',
      glyphs: [
        { id: 32, width: 0, height: 0, left: 0, top: -26, advance: 7 },
        { id: 65, bitmap: bitmap(14, 17, 1), width: 14, height: 17, left: 0, top: -10, advance: 15 },
        { id: 106, bitmap: bitmap(6, 22, 2), width: 6, height: 22, left: -2, top: -9, advance: 6 },
      ],
    };
    const decoded = decode(encodeGlyphPbf(stack));
    expect(decoded).toHaveLength(1);
    const [s] = decoded;
    expect(s!.name).toBe(stack.name);
    expect(s!.range).toBe('0-255');
    expect(s!.glyphs).toHaveLength(3);
    expect(s!.glyphs[0]).toEqual({ id: 32, width: 0, height: 0, left: 0, top: -26, advance: 7 });
    expect(s!.glyphs[1]!.left).toBe(0);
    expect(s!.glyphs[2]!.left).toBe(-2);
    expect(s!.glyphs[2]!.top).toBe(-9);
    expect(Array.from(s!.glyphs[1]!.bitmap!)).toEqual(Array.from(stack.glyphs[1]!.bitmap!));
    expect(Array.from(s!.glyphs[2]!.bitmap!)).toEqual(Array.from(stack.glyphs[2]!.bitmap!));
  });

  it('accepts Uint8ClampedArray bitmaps and several stacks, and survives toArrayBuffer', () => {
    const clamped = new Uint8ClampedArray(bitmap(3, 4, 9));
    const bytes = encodeGlyphPbf([
      { name: 'A', range: '0-255', glyphs: [{ id: 49, bitmap: clamped, width: 3, height: 4, left: 1, top: -12, advance: 8 }] },
      { name: 'B', range: '256-511', glyphs: [] },
    ]);
    const buffer = toArrayBuffer(bytes);
    expect(buffer.byteLength).toBe(bytes.byteLength);
    const decoded = decode(buffer);
    expect(decoded.map((s) => s.name)).toEqual(['A', 'B']);
    expect(Array.from(decoded[0]!.glyphs[0]!.bitmap!)).toEqual(Array.from(clamped));
    expect(decoded[1]!.glyphs).toEqual([]);
  });

  it('rejects bitmaps of the wrong size and invalid metrics', () => {
    const g = { id: 65, width: 2, height: 2, left: 0, top: 0, advance: 3 };
    expect(() => encodeGlyphPbf({ name: 'A', range: '0-255', glyphs: [{ ...g, bitmap: new Uint8Array(4) }] })).toThrow(RangeError);
    expect(() => encodeGlyphPbf({ name: 'A', range: '0-255', glyphs: [{ ...g, width: -1 }] })).toThrow(RangeError);
    expect(() => encodeGlyphPbf({ name: 'A', range: '0-255', glyphs: [{ ...g, top: 1.5 }] })).toThrow(RangeError);
  });
});
