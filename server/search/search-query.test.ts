import { describe, expect, it } from 'vitest';
import { searchTerms, toTsquery } from './search-query.js';

describe('search terms', () => {
  it('splits Chinese into overlapping pairs and keeps ASCII words whole', () => {
    expect(searchTerms('张小明')).toEqual({ pairs: ['张小', '小明'], words: [] });
    expect(searchTerms('望春路12号')).toEqual({ pairs: ['望春', '春路', '号'], words: ['12'] });
    expect(searchTerms('A3302 海曙01')).toEqual({ pairs: ['海曙'], words: ['a3302', '01'] });
  });
  it('keeps a single Chinese character as a term', () => {
    expect(searchTerms('张')).toEqual({ pairs: ['张'], words: [] });
  });
  it('builds an AND query of quoted lexemes, the word being typed by prefix', () => {
    expect(toTsquery('张小明 13812')).toBe("'张小' & '小明' & '13812':*");
    expect(toTsquery("o'brien")).toBe("'o' & 'brien':*");
    expect(toTsquery('13812 张小明')).toBe("'张小' & '小明' & '13812'");
    expect(toTsquery('  ,, ')).toBeNull();
  });
  it('matches short words exactly: a door number is not every ID number that starts with it', () => {
    expect(toTsquery('新典街3号')).toBe("'新典' & '典街' & '号' & '3'");
    expect(toTsquery('新典街3')).toBe("'新典' & '典街' & '3'");
    expect(toTsquery('新典街31')).toBe("'新典' & '典街' & '31':*");
  });
});
