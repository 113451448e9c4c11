// `local-glyphs://{fontstack}/{range}` protocol handler: draws every glyph of the requested
// 256-codepoint range with TinySDF using local fonts and answers with a glyph PBF, so that MapLibre
// never fetches glyphs from a network. Register it with
//   maplibregl.addProtocol(GLYPH_PROTOCOL, createGlyphProtocolHandler())
// Importing this module touches neither the DOM nor MapLibre; TinySDF creates its canvas only when
// the first range is drawn (in the browser).
import TinySDF, { type TinySDFOptions } from '@mapbox/tiny-sdf';
import { fontStackToCss, GLYPH_PROTOCOL } from './fonts.js';
import { encodeGlyphPbf, GLYPH_BORDER, toArrayBuffer, type GlyphRecord } from './glyph-pbf.js';

/** Glyph PBFs are 1× SDFs at 24 px with a 3 px border and an 8 px radius (the fontnik convention). */
export const GLYPH_FONT_SIZE = 24;
export const GLYPH_RADIUS = 8;
export const GLYPH_CUTOFF = 0.25;
/**
 * TinySDF's top is measured from the alphabetic baseline; PBF glyph tops are relative to an origin
 * above the em box. MapLibre aligns its own TinySDF glyphs with this same offset.
 */
export const GLYPH_TOP_ADJUSTMENT = 27.5;

export interface SdfGlyph {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
  glyphWidth: number;
  glyphHeight: number;
  glyphTop: number;
  glyphLeft: number;
  glyphAdvance: number;
}

export interface SdfDrawer {
  draw(char: string): SdfGlyph;
}

export type SdfFactory = (options: TinySDFOptions) => SdfDrawer;

export interface GlyphRequest {
  fontstack: string;
  start: number;
  end: number;
}

const MAX_CODEPOINT = 0x10ffff;

/** Parses `local-glyphs://<fontstack>/<start>-<end>[.pbf]`; null if malformed. */
export function parseGlyphRequestUrl(url: string): GlyphRequest | null {
  const prefix = `${GLYPH_PROTOCOL}://`;
  if (typeof url !== 'string' || !url.startsWith(prefix)) return null;
  const match = /^(.+)\/(\d{1,7})-(\d{1,7})(?:\.pbf)?$/.exec(url.slice(prefix.length));
  if (!match) return null;
  const start = Number(match[2]);
  const end = Number(match[3]);
  if (start % 256 !== 0 || end !== start + 255 || end > MAX_CODEPOINT + 1) return null;
  let fontstack: string;
  try {
    fontstack = decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
  if (fontstack.trim() === '' || fontstack.length > 1000) return null;
  return { fontstack, start, end };
}

/** False for control characters, surrogates, noncharacters and out-of-range values. */
export function isDrawableCodePoint(cp: number): boolean {
  if (!Number.isInteger(cp) || cp < 0 || cp > MAX_CODEPOINT) return false;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe) return false;
  return !/\p{Cc}/u.test(String.fromCodePoint(cp));
}

/** Converts a TinySDF result (drawn with buffer = GLYPH_BORDER) into a PBF glyph record. */
export function glyphFromSdf(id: number, sdf: SdfGlyph): GlyphRecord {
  const advance = Math.max(0, Math.round(sdf.glyphAdvance));
  const top = Math.round(sdf.glyphTop - GLYPH_TOP_ADJUSTMENT);
  const left = Math.round(sdf.glyphLeft);
  const expected = (sdf.glyphWidth + 2 * GLYPH_BORDER) * (sdf.glyphHeight + 2 * GLYPH_BORDER);
  if (sdf.glyphWidth === 0 || sdf.glyphHeight === 0 || sdf.data.length !== expected) {
    return { id, width: 0, height: 0, left: 0, top, advance };
  }
  const bitmap = sdf.data instanceof Uint8Array ? sdf.data : new Uint8Array(sdf.data.buffer, sdf.data.byteOffset, sdf.data.length);
  return { id, bitmap, width: sdf.glyphWidth, height: sdf.glyphHeight, left, top, advance };
}

export function sdfOptionsForStack(fontstack: string): TinySDFOptions {
  const css = fontStackToCss(fontstack);
  return {
    fontSize: GLYPH_FONT_SIZE,
    buffer: GLYPH_BORDER,
    radius: GLYPH_RADIUS,
    cutoff: GLYPH_CUTOFF,
    fontFamily: css.fontFamily,
    fontWeight: css.fontWeight,
    fontStyle: css.fontStyle,
  };
}

/** Draws the drawable codepoints of [start, end] and encodes them as one glyph PBF. */
export function renderGlyphRange(drawer: SdfDrawer, fontstack: string, start: number, end: number): Uint8Array {
  const glyphs: GlyphRecord[] = [];
  for (let cp = start; cp <= end; cp++) {
    if (!isDrawableCodePoint(cp)) continue;
    glyphs.push(glyphFromSdf(cp, drawer.draw(String.fromCodePoint(cp))));
  }
  return encodeGlyphPbf({ name: fontstack, range: `${start}-${end}`, glyphs });
}

const defaultFactory: SdfFactory = (options) => new TinySDF(options);

export type GlyphProtocolHandler = (
  params: { url: string },
  abortController?: AbortController,
) => Promise<{ data: ArrayBuffer }>;

/** The handler for maplibregl.addProtocol(GLYPH_PROTOCOL, …). Drawers and ranges are cached. */
export function createGlyphProtocolHandler(factory: SdfFactory = defaultFactory): GlyphProtocolHandler {
  const drawers = new Map<string, SdfDrawer>();
  const ranges = new Map<string, ArrayBuffer>();
  return async (params, abortController) => {
    const request = parseGlyphRequestUrl(params.url);
    if (!request) throw new Error(`invalid glyph request: ${params.url}`);
    if (abortController?.signal.aborted) throw new DOMException('aborted', 'AbortError');
    const key = `${request.fontstack}\u0000${request.start}`;
    let buffer = ranges.get(key);
    if (!buffer) {
      let drawer = drawers.get(request.fontstack);
      if (!drawer) {
        drawer = factory(sdfOptionsForStack(request.fontstack));
        drawers.set(request.fontstack, drawer);
      }
      buffer = toArrayBuffer(renderGlyphRange(drawer, request.fontstack, request.start, request.end));
      ranges.set(key, buffer);
    }
    // A copy, so a consumer transferring or detaching it cannot spoil the cache.
    return { data: buffer.slice(0) };
  };
}
