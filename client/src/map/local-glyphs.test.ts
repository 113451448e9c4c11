import Pbf from 'pbf';
import { describe, expect, it, vi } from 'vitest';
import type { TinySDFOptions } from '@mapbox/tiny-sdf';
import { FONT_BOLD, FONT_REGULAR, fontStackToCss, GLYPHS_URL, LOCAL_IDEOGRAPH_FONT_FAMILY } from './fonts.js';
import { GLYPH_BORDER } from './glyph-pbf.js';
import {
  createGlyphProtocolHandler,
  glyphFromSdf,
  GLYPH_TOP_ADJUSTMENT,
  isDrawableCodePoint,
  parseGlyphRequestUrl,
  type SdfDrawer,
  type SdfGlyph,
} from './local-glyphs.js';

/** A fake TinySDF: every glyph is (cp % 7 + 5) × 10 px; space is empty. */
function fakeDrawer(): SdfDrawer & { drawn: string[] } {
  const drawn: string[] = [];
  return {
    drawn,
    draw(char: string): SdfGlyph {
      drawn.push(char);
      const cp = char.codePointAt(0)!;
      const glyphWidth = char === ' ' ? 0 : (cp % 7) + 5;
      const glyphHeight = char === ' ' ? 0 : 10;
      const width = glyphWidth + 2 * GLYPH_BORDER;
      const height = glyphHeight + 2 * GLYPH_BORDER;
      return {
        data: new Uint8ClampedArray(width * height).fill(cp & 0xff),
        width,
        height,
        glyphWidth,
        glyphHeight,
        glyphTop: 17,
        glyphLeft: cp % 2 === 0 ? 0 : -1,
        glyphAdvance: glyphWidth + 1.4,
      };
    },
  };
}

interface Decoded {
  name: string;
  range: string;
  glyphs: Array<{ id: number; bitmap?: Uint8Array; width: number; height: number; left: number; top: number; advance: number }>;
}

function decode(buf: ArrayBuffer): Decoded[] {
  return new Pbf(buf).readFields((tag, out: Decoded[], pbf) => {
    if (tag !== 1) return;
    out.push(
      pbf.readMessage(
        (t, s: Decoded, p) => {
          if (t === 1) s.name = p.readString();
          else if (t === 2) s.range = p.readString();
          else if (t === 3)
            s.glyphs.push(
              p.readMessage(
                (gt, g: Decoded['glyphs'][number], gp) => {
                  if (gt === 1) g.id = gp.readVarint();
                  else if (gt === 2) g.bitmap = gp.readBytes();
                  else if (gt === 3) g.width = gp.readVarint();
                  else if (gt === 4) g.height = gp.readVarint();
                  else if (gt === 5) g.left = gp.readSVarint();
                  else if (gt === 6) g.top = gp.readSVarint();
                  else if (gt === 7) g.advance = gp.readVarint();
                },
                { id: 0, width: 0, height: 0, left: 0, top: 0, advance: 0 },
              ),
            );
        },
        { name: '', range: '', glyphs: [] },
      ),
    );
  }, []);
}

describe('fonts', () => {
  it('uses a custom protocol and no remote URL', () => {
    expect(GLYPHS_URL).toBe('local-glyphs://{fontstack}/{range}');
    expect(LOCAL_IDEOGRAPH_FONT_FAMILY).toContain('"WenQuanYi Micro Hei"');
    expect(LOCAL_IDEOGRAPH_FONT_FAMILY.endsWith('sans-serif')).toBe(true);
  });

  it('maps font stacks to CSS fonts', () => {
    const regular = fontStackToCss(FONT_REGULAR.join(','));
    expect(regular.fontWeight).toBe('400');
    expect(regular.fontStyle).toBe('normal');
    expect(regular.fontFamily.startsWith('"WenQuanYi Micro Hei", "Noto Sans CJK SC"')).toBe(true);
    expect(regular.fontFamily.endsWith(', sans-serif')).toBe(true);
    expect(fontStackToCss(FONT_BOLD.join(',')).fontWeight).toBe('700');
    expect(fontStackToCss('Foo SemiBold Italic').fontWeight).toBe('600');
    expect(fontStackToCss('Foo SemiBold Italic').fontStyle).toBe('italic');
    expect(fontStackToCss('Evil"; } body { x: "').fontFamily).toBe('"Evil; } body { x: ", sans-serif');
  });
});

describe('parseGlyphRequestUrl', () => {
  it('parses fontstack and range', () => {
    expect(parseGlyphRequestUrl('local-glyphs://WenQuanYi Micro Hei,Noto Sans CJK SC/0-255')).toEqual({
      fontstack: 'WenQuanYi Micro Hei,Noto Sans CJK SC',
      start: 0,
      end: 255,
    });
    expect(parseGlyphRequestUrl('local-glyphs://A%20B/256-511.pbf')).toEqual({ fontstack: 'A B', start: 256, end: 511 });
  });

  it.each([
    'https://example.com/A/0-255',
    'local-glyphs://A/1-256',
    'local-glyphs://A/0-511',
    'local-glyphs:///0-255',
    'local-glyphs://A/0-255/x',
    'local-glyphs://%E0%A4%A/0-255',
    'local-glyphs://A/1114368-1114623',
  ])('rejects %j', (url) => {
    expect(parseGlyphRequestUrl(url)).toBeNull();
  });
});

describe('glyph conversion', () => {
  it('skips controls, surrogates and noncharacters', () => {
    expect(isDrawableCodePoint(0x41)).toBe(true);
    expect(isDrawableCodePoint(0x20)).toBe(true);
    expect(isDrawableCodePoint(0x0a)).toBe(false);
    expect(isDrawableCodePoint(0x85)).toBe(false);
    expect(isDrawableCodePoint(0xd800)).toBe(false);
    expect(isDrawableCodePoint(0xfffe)).toBe(false);
    expect(isDrawableCodePoint(0x110000)).toBe(false);
  });

  it('converts TinySDF metrics to PBF metrics', () => {
    const sdf = fakeDrawer().draw('A');
    const g = glyphFromSdf(65, sdf);
    expect(g.width).toBe(sdf.glyphWidth);
    expect(g.height).toBe(10);
    expect(g.top).toBe(Math.round(17 - GLYPH_TOP_ADJUSTMENT));
    expect(g.left).toBe(-1);
    expect(g.advance).toBe(Math.round(sdf.glyphAdvance));
    expect(g.bitmap!.length).toBe((g.width + 6) * (g.height + 6));
    const space = glyphFromSdf(32, fakeDrawer().draw(' '));
    expect(space.bitmap).toBeUndefined();
    expect(space.width).toBe(0);
  });
});

describe('createGlyphProtocolHandler', () => {
  it('draws a whole range into a decodable PBF with the stack CSS font', async () => {
    const drawers: Array<ReturnType<typeof fakeDrawer>> = [];
    const factory = vi.fn((options: TinySDFOptions) => {
      expect(options.fontSize).toBe(24);
      expect(options.buffer).toBe(GLYPH_BORDER);
      expect(options.fontFamily).toContain('"WenQuanYi Micro Hei"');
      const d = fakeDrawer();
      drawers.push(d);
      return d;
    });
    const handler = createGlyphProtocolHandler(factory);
    const stack = FONT_REGULAR.join(',');
    const { data } = await handler({ url: `local-glyphs://${stack}/0-255` });
    const [decoded] = decode(data);
    expect(decoded!.name).toBe(stack);
    expect(decoded!.range).toBe('0-255');
    const ids = decoded!.glyphs.map((g) => g.id);
    expect(ids).toContain(32);
    expect(ids).toContain(65);
    expect(ids).not.toContain(10);
    expect(ids).not.toContain(0x7f);
    expect(ids.length).toBe(256 - 32 - 1 - 32); // C0, DEL and C1 controls skipped
    const a = decoded!.glyphs.find((g) => g.id === 65)!;
    expect(a.bitmap!.length).toBe((a.width + 6) * (a.height + 6));
    expect(a.bitmap![0]).toBe(65);

    // Cached: same range again does not redraw; a new range reuses the drawer.
    const drawnBefore = drawers[0]!.drawn.length;
    await handler({ url: `local-glyphs://${stack}/0-255` });
    expect(drawers[0]!.drawn.length).toBe(drawnBefore);
    await handler({ url: `local-glyphs://${stack}/256-511` });
    expect(factory).toHaveBeenCalledTimes(1);
    await handler({ url: `local-glyphs://${FONT_BOLD.join(',')}/0-255` });
    expect(factory).toHaveBeenCalledTimes(2);
    expect(factory.mock.calls[1]![0].fontWeight).toBe('700');
  });

  it('rejects malformed and aborted requests', async () => {
    const handler = createGlyphProtocolHandler(() => fakeDrawer());
    await expect(handler({ url: 'local-glyphs://A/3-7' })).rejects.toThrow(/invalid glyph request/);
    const controller = new AbortController();
    controller.abort();
    await expect(handler({ url: 'local-glyphs://A/0-255' }, controller)).rejects.toThrow();
  });
});
