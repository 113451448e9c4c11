/**
 * Synthetic Chinese place and person names.
 *
 * The words are the kind found in Ningbo street signs and estate names, but the combinations are made up
 * here: no row describes a real road, estate or officer. A NameBook hands out each name once per
 * district, so addresses like "望春路12号" are never ambiguous between two streets.
 */
import type { Rng } from './random.js';

/** Sub-district (街道) stems in the style of Haishu's; station names reuse them (望春派出所). */
export const SUB_DISTRICT_STEMS = ['望春', '西门', '月湖', '南门', '江厦', '白云', '段塘', '鼓楼', '石碶', '集士港'] as const;

/** Two-character stems for roads and communities. */
const PLACE_WORDS = [
  '环城', '望春', '丽园', '泰康', '高塘', '永丰', '柳汀', '解放', '中山', '南塘', '段塘', '机场', '新典', '翠柏',
  '大卿', '长春', '苍松', '青林', '秀水', '华严', '迎凤', '西成', '集士', '孝闻', '镇明', '开明', '县学', '天一',
  '尚书', '紫金', '云石', '桂芳', '广仁', '白沙', '文昌', '马园', '南站', '雪窦', '海晏', '兴宁', '丽水', '石碶',
  '汪弄', '联丰', '春华', '秋实', '梅园', '兰亭', '竹林', '松风', '芝兰', '安澜', '清和', '永寿', '宁穿', '明州',
  '鄞州', '四明', '甬江', '三江', '鼓楼', '月湖', '偃月', '范宅', '城隍', '药行', '百丈', '槐树', '后营', '莲桥',
  '尹江', '古林', '布政', '横街', '望京', '启文', '通达', '博文', '怡和', '福明', '金港', '彩虹', '恒丰', '车何',
  '北郊', '前丰', '洪塘', '徐家', '蒋家', '周家', '马家', '毛家', '卖鱼', '灵桥', '新芝', '翠湖', '宝善', '青石',
  '白云', '南苑', '栎社', '高桥', '藕池', '柳西', '丽江', '新星', '安丰', '瑞丰', '荷花', '杏花', '桃源', '锦屏',
] as const;

const DIRECTIONS = ['', '', '', '东', '西', '南', '北', '中'] as const;

/** Estate-name stems: aspirational words typical of 小区 names. */
const COMPOUND_WORDS = [
  '阳光', '锦绣', '怡和', '丽景', '金色', '春江', '碧水', '翠苑', '书香', '和美', '康乐', '幸福', '华府', '新城',
  '明月', '紫荆', '香樟', '银杏', '绿洲', '天和', '嘉禾', '鸿泰', '世纪', '东方', '水岸', '雅居', '恒泰', '锦园',
  '万家', '瑞景', '长丰', '兴海', '新湖', '湖畔', '青云', '盛世', '太阳', '海韵', '云庭', '宁馨', '信和', '安居',
  '紫郡', '星汇', '桂花', '丹桂', '晶都', '常青', '华庭', '泊雅', '江湾', '博雅', '逸家', '悦府', '翰林', '君悦',
] as const;
const COMPOUND_SUFFIXES = ['小区', '花园', '苑', '新村', '家园', '公寓', '嘉园', '名邸', '小区', '花园'] as const;

const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '田', '董', '袁', '潘', '蒋', '蔡', '余',
  '叶', '程', '苏', '魏', '吕', '丁', '沈', '姚', '卢', '钟', '陆', '汪', '范', '金', '邵', '俞', '应', '竺', '屠',
] as const;
const GIVEN_CHARS = [
  '伟', '军', '杰', '磊', '勇', '斌', '涛', '明', '超', '强', '华', '峰', '辉', '健', '俊', '波', '浩', '宇', '鹏',
  '晨', '洁', '静', '敏', '丽', '婷', '燕', '琳', '倩', '颖', '佳', '建', '国', '志', '海', '晓', '文', '立', '新',
  '振', '平', '卫', '东', '亮', '毅', '坚', '刚', '凯', '旭', '航', '阳', '帆', '锋', '荣', '昊', '睿', '哲', '彬',
] as const;

export type RoadKind = 'main' | 'secondary' | 'lane';

const ROAD_SUFFIXES: Record<RoadKind, readonly (readonly [string, number])[]> = {
  main: [['路', 6], ['大道', 1]],
  secondary: [['路', 3], ['街', 1]],
  lane: [['巷', 4], ['街', 1], ['弄', 1]],
};

export class NameBook {
  private readonly used = new Set<string>();
  private readonly usedStems = new Set<string>();
  constructor(private readonly rng: Rng) {}

  /** Reserve a name; returns false if it was already taken. */
  private claim(name: string): boolean {
    if (this.used.has(name)) return false;
    this.used.add(name);
    return true;
  }

  /** Draw until an unused name comes up; falls back to a numbered variant, which is always free. */
  private unique(make: () => string, fallback: (n: number) => string): string {
    for (let i = 0; i < 200; i++) {
      const name = make();
      if (this.claim(name)) return name;
    }
    for (let n = 2; ; n++) if (this.claim(fallback(n))) return fallback(n);
  }

  subDistrictStems(count: number): string[] {
    const stems = this.rng.shuffle(SUB_DISTRICT_STEMS).slice(0, count);
    if (stems.length < count) throw new Error(`at most ${SUB_DISTRICT_STEMS.length} sub-districts`);
    for (const s of stems) this.usedStems.add(s);
    return stems;
  }

  /** 社区 name; stems are not reused between communities so "望春社区" appears at most once. */
  community(): string {
    const stem = this.unique(() => `${this.rng.pick(PLACE_WORDS)}`, (n) => `${this.rng.pick(PLACE_WORDS)}${n}`);
    return `${stem}社区`;
  }

  road(kind: RoadKind): string {
    const suffix = (): string => this.rng.weighted(ROAD_SUFFIXES[kind]);
    return this.unique(
      () => {
        const sfx = suffix();
        const dir = sfx === '大道' ? '' : this.rng.pick(DIRECTIONS);
        return `${this.rng.pick(PLACE_WORDS)}${dir}${sfx}`;
      },
      (n) => `${this.rng.pick(PLACE_WORDS)}${n}${kind === 'lane' ? '巷' : '路'}`,
    );
  }

  compound(): string {
    return this.unique(
      () => `${this.rng.pick(COMPOUND_WORDS)}${this.rng.pick(COMPOUND_SUFFIXES)}`,
      (n) => `${this.rng.pick(COMPOUND_WORDS)}${this.rng.pick(COMPOUND_SUFFIXES)}${n}期`,
    );
  }

  /** Officer names may repeat in real life, but unique ones make test fixtures easier to read. */
  officer(): string {
    return this.unique(
      () => `${this.rng.pick(SURNAMES)}${this.rng.pick(GIVEN_CHARS)}${this.rng.chance(0.6) ? this.rng.pick(GIVEN_CHARS) : ''}`,
      (n) => `${this.rng.pick(SURNAMES)}${this.rng.pick(GIVEN_CHARS)}${this.rng.pick(GIVEN_CHARS)}${'甲乙丙丁'[n % 4]}`,
    );
  }
}
