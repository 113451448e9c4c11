/**
 * Synthetic identities: personal names, resident ID numbers (GB 11643), unified social credit codes
 * (GB 32100) and phone numbers, all passing the registers' own validators.
 *
 * Names: surnames are drawn with rough real-world frequencies (王, 李, 张 … far more common than 竺 or
 * 屠), with a few surnames typical of Ningbo mixed in; given names are one or two characters from
 * gender-leaning pools. The combinations are random: no row names a real person.
 *
 * ID numbers and credit codes must be unique among live records (partial unique indexes), so each
 * issuer remembers what it handed out. Both also steer clear of the random shapes the API test
 * fixtures create on top of the seeded test database (tests/helpers/register-fixtures.ts: 330203 with
 * a birth date in 1950–2004; 91330203 followed by nine digits), so a test can never collide with a
 * seeded row on those indexes.
 */
import { creditCodeCheckChar, idNumberCheckDigit } from '../../server/registers/validation/identifiers.js';
import type { Rng } from '../district/random.js';
import { WeightedSampler } from './district-index.js';

// ---- names -------------------------------------------------------------------------------------------

const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72], ['李', 70], ['张', 66], ['刘', 52], ['陈', 50], ['杨', 33], ['黄', 25], ['赵', 21], ['吴', 22], ['周', 22],
  ['徐', 20], ['孙', 15], ['马', 12], ['朱', 12], ['胡', 13], ['郭', 11], ['何', 10], ['林', 12], ['罗', 9], ['郑', 11],
  ['梁', 8], ['谢', 7], ['宋', 7], ['唐', 7], ['许', 7], ['韩', 6], ['冯', 6], ['邓', 6], ['曹', 5], ['彭', 5],
  ['曾', 5], ['田', 4], ['董', 6], ['袁', 4], ['潘', 5], ['蒋', 5], ['蔡', 4], ['余', 5], ['叶', 6], ['程', 4],
  ['苏', 3], ['魏', 3], ['吕', 3], ['丁', 3], ['沈', 6], ['姚', 4], ['卢', 3], ['钟', 3], ['陆', 5], ['汪', 4],
  ['范', 3], ['金', 4], ['邵', 3], ['俞', 4], ['应', 4], ['竺', 2], ['屠', 2], ['邬', 2], ['虞', 2], ['毛', 3],
  ['史', 2], ['贺', 2], ['方', 3], ['任', 2], ['柴', 1], ['岑', 1], ['乐', 1], ['戴', 2], ['夏', 2], ['顾', 2],
];
const SURNAME_SAMPLER = new WeightedSampler(SURNAMES);
const MALE_CHARS = [
  '伟', '军', '杰', '磊', '勇', '斌', '涛', '明', '超', '强', '华', '峰', '辉', '健', '俊', '波', '浩', '宇', '鹏', '建',
  '国', '志', '海', '文', '立', '新', '振', '平', '卫', '东', '亮', '毅', '坚', '刚', '凯', '旭', '航', '阳', '帆', '锋',
  '荣', '昊', '睿', '哲', '彬', '子', '梓', '轩', '博', '晨', '成', '林', '忠', '德', '永', '荣', '家', '嘉', '一', '天',
] as const;
const FEMALE_CHARS = [
  '洁', '静', '敏', '丽', '婷', '燕', '琳', '倩', '颖', '佳', '芳', '娟', '霞', '艳', '红', '萍', '玲', '雪', '慧', '英',
  '梅', '兰', '秀', '珍', '莉', '晶', '悦', '欣', '怡', '雨', '思', '涵', '诗', '梦', '晓', '月', '彤', '璐', '琪', '楠',
  '嘉', '一', '子', '可', '心', '文', '佩', '素', '美', '春',
] as const;

/** A Chinese name: surname plus one (about a third) or two given characters. */
export function personName(rng: Rng, gender: 'male' | 'female'): string {
  const pool = gender === 'male' ? MALE_CHARS : FEMALE_CHARS;
  const first = rng.pick(pool);
  return SURNAME_SAMPLER.pick(rng) + (rng.chance(0.35) ? first : first + rng.pick(pool));
}

/** Foreign residents, as their names appear on a residence permit (family name first, Latin letters). */
const FOREIGN: readonly { family: readonly string[]; male: readonly string[]; female: readonly string[] }[] = [
  { family: ['KIM', 'LEE', 'PARK', 'CHOI'], male: ['MINJUN', 'SEOJUN', 'JIHO'], female: ['SEOYEON', 'JIWOO', 'HAEUN'] },
  { family: ['TANAKA', 'SATO', 'SUZUKI', 'WATANABE'], male: ['HIROSHI', 'KENTA', 'RYO'], female: ['YUKI', 'AOI', 'HANA'] },
  { family: ['NGUYEN', 'TRAN', 'LE', 'PHAM'], male: ['VAN AN', 'MINH DUC', 'QUANG'], female: ['THI LAN', 'THU HA', 'MAI'] },
  { family: ['SMITH', 'MUELLER', 'ROSSI', 'GARCIA', 'IVANOV'], male: ['JOHN', 'LUKAS', 'MARCO', 'CARLOS', 'DMITRY'], female: ['EMMA', 'ANNA', 'SOFIA', 'MARIA', 'OLGA'] },
  { family: ['KHAN', 'SINGH', 'SILVA', 'OKAFOR'], male: ['AHMED', 'RAHUL', 'PEDRO', 'CHIDI'], female: ['AISHA', 'PRIYA', 'ANA', 'NGOZI'] },
];

export function foreignName(rng: Rng, gender: 'male' | 'female'): string {
  const origin = rng.pick(FOREIGN);
  return `${rng.pick(origin.family)} ${rng.pick(gender === 'male' ? origin.male : origin.female)}`;
}

// ---- ID numbers, credit codes, phones --------------------------------------------------------------

/** Where registered residents' numbers were issued: mostly Haishu, then the rest of Ningbo (330204 is old 江东). */
const LOCAL_AREAS = new WeightedSampler<string>([
  ['330203', 52], ['330212', 14], ['330204', 4], ['330205', 7], ['330206', 4], ['330211', 4], ['330281', 6],
  ['330282', 5], ['330226', 2], ['330225', 2],
]);
/** Migrant workers' home counties: elsewhere in Zhejiang and the usual sending provinces. */
const MIGRANT_AREAS = new WeightedSampler<string>([
  ['341221', 8], ['342422', 5], ['340321', 4], ['362426', 6], ['360121', 3], ['411528', 6], ['412727', 5], ['421182', 5],
  ['430524', 5], ['511621', 6], ['513030', 3], ['520221', 6], ['522226', 4], ['532128', 4], ['330327', 4], ['331082', 3],
  ['330681', 2], ['610528', 2], ['370826', 2], ['350583', 2],
]);

/** The ID numbers test fixtures make: this area code with a birth date in this range. */
const FIXTURE_AREA = '330203';
const FIXTURE_BIRTHS = ['19500101', '20041004'] as const;

export class IdNumbers {
  /** Issued numbers as small integers (area, birth day, order, sex): a Set of a million strings was slow. */
  private readonly issued = new Set<number>();
  private readonly areaKeys = new Map<string, number>();
  constructor(private readonly rng: Rng) {}

  /**
   * A valid, unused number for someone born on `birthDate` (YYYY-MM-DD); odd 17th digit for men.
   * `birthKey` is any integer in 0..39999 that differs between birth dates (days since birth will do).
   */
  issue(birthDate: string, birthKey: number, gender: 'male' | 'female', origin: 'local' | 'migrant'): string {
    const r = this.rng;
    let area = (origin === 'local' ? LOCAL_AREAS : MIGRANT_AREAS).pick(r);
    const birth = birthDate.replaceAll('-', '');
    if (area === FIXTURE_AREA && birth >= FIXTURE_BIRTHS[0] && birth < FIXTURE_BIRTHS[1]) area = '330212';
    let areaKey = this.areaKeys.get(area);
    if (areaKey === undefined) this.areaKeys.set(area, (areaKey = this.areaKeys.size));
    for (;;) {
      const order = r.int(0, 99);
      const sex = 2 * r.int(0, 4) + (gender === 'male' ? 1 : 0);
      const key = ((areaKey * 40_000 + birthKey) * 100 + order) * 10 + sex;
      if (this.issued.has(key)) continue;
      this.issued.add(key);
      const first17 = `${area}${birth}${order < 10 ? '0' : ''}${order}${sex}`;
      return first17 + idNumberCheckDigit(first17);
    }
  }
}

const CODE_CHARS = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];
const CODE_LETTERS = [...'ABCDEFGHJKLMNPQRTUWXY'];
const CHECK_CHARS = [...'0123456789X'];
const DIVISIONS: readonly (readonly [string, number])[] = [['330203', 85], ['330212', 8], ['330205', 4], ['330200', 3]];

export class CreditCodes {
  private readonly issued = new Set<string>();
  constructor(private readonly rng: Rng) {}

  /** A valid, unused code: 92… for sole traders (个体工商户), 91… for companies. */
  issue(soleTrader: boolean): string {
    const r = this.rng;
    for (;;) {
      const head = `9${soleTrader ? '2' : '1'}${r.weighted(DIVISIONS)}`;
      let organisation: string;
      if (r.chance(0.7)) {
        // Post-2015 registrations: MA + seven code characters, at least one of them a letter.
        const tail = Array.from({ length: 7 }, () => r.pick(CODE_CHARS));
        tail[r.int(0, 6)] = r.pick(CODE_LETTERS);
        organisation = `MA${tail.join('')}`;
      } else {
        // Older organisations keep their nine-character organisation code: eight digits and a check,
        // which here is always X under 91330203 (the fixtures' all-digit codes live there).
        const check = head === '91330203' ? 'X' : r.pick(CHECK_CHARS);
        organisation = `${r.int(10_000_000, 79_999_999)}${check}`;
      }
      const first17 = head + organisation;
      if (this.issued.has(first17)) continue;
      this.issued.add(first17);
      return first17 + creditCodeCheckChar(first17);
    }
  }
}

const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157',
  '158', '159', '166', '173', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191',
  '198', '199',
] as const;

/** A mainland mobile number (1[3-9] and nine more digits). */
export function mobilePhone(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

/** A Ningbo landline (area code 0574, eight-digit local numbers). */
export function landline(rng: Rng): string {
  return `0574-8${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
}
