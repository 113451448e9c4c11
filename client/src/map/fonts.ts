// Font stacks for map labels, all rendered locally (no glyph server).
//
// MapLibre asks for glyphs per font stack (the `text-font` array joined with ","):
//  - CJK ideographs are drawn by MapLibre itself with TinySDF (because the Map has
//    `localIdeographFontFamily` set); for a non-default stack it uses the stack's names as CSS
//    font families, so the names below are real CSS family names.
//  - everything else (Latin, digits, punctuation) is requested from GLYPHS_URL, which is answered by
//    our `local-glyphs://` protocol handler (local-glyphs.ts) drawing with the same families.

export const GLYPH_PROTOCOL = 'local-glyphs';
export const GLYPHS_URL = `${GLYPH_PROTOCOL}://{fontstack}/{range}`;

const CJK_FAMILIES = ['WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC'];

/** Regular label font stack (`text-font`). */
export const FONT_REGULAR: string[] = [...CJK_FAMILIES];

/**
 * Bold label font stack. The first name carries "Bold" so that MapLibre (and fontStackToCss) pick
 * weight 700; it need not exist, the following real families then render in bold.
 */
export const FONT_BOLD: string[] = ['WenQuanYi Micro Hei Bold', ...CJK_FAMILIES];

/** CSS font-family list for the Map's `localIdeographFontFamily` option. */
export const LOCAL_IDEOGRAPH_FONT_FAMILY = [...CJK_FAMILIES.map((f) => `"${f}"`), 'sans-serif'].join(', ');

export interface CssFont {
  fontFamily: string;
  fontWeight: string;
  fontStyle: string;
}

const WEIGHTS: ReadonlyArray<[RegExp, string]> = [
  [/\b(thin|hairline)\b/i, '100'],
  [/\b(extra|ultra)[ -]?light\b/i, '200'],
  [/\blight\b/i, '300'],
  [/\bmedium\b/i, '500'],
  [/\b(semi|demi)[ -]?bold\b/i, '600'],
  [/\b(extra|ultra)[ -]?bold\b/i, '800'],
  [/\bbold\b/i, '700'],
  [/\b(black|heavy)\b/i, '900'],
];

function quoteFamily(name: string): string {
  return `"${name.replace(/["\\]/g, '')}"`;
}

/**
 * Turns a MapLibre font stack ("A Bold,B,C") into CSS font properties: weight and style sniffed from
 * the first name (as MapLibre does for its own local glyphs), families quoted, sans-serif appended.
 */
export function fontStackToCss(stack: string): CssFont {
  const names = stack
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && s.length <= 100)
    .slice(0, 16);
  const first = names[0] ?? '';
  let fontWeight = '400';
  for (const [re, weight] of WEIGHTS) {
    if (re.test(first)) {
      fontWeight = weight;
      break;
    }
  }
  const fontStyle = /\bitalic\b/i.test(first) ? 'italic' : /\boblique\b/i.test(first) ? 'oblique' : 'normal';
  const families = names.filter((n) => n.toLowerCase() !== 'sans-serif').map(quoteFamily);
  families.push('sans-serif');
  return { fontFamily: families.join(', '), fontWeight, fontStyle };
}
