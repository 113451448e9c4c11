/**
 * What the premises register holds, trade by trade: how common each trade is on a Ningbo shopping
 * street, what its shops are called, which licence it carries and how risky the police rate it.
 * Catering and retail dominate; special trades (hotels, internet cafés, entertainment, pawnshops)
 * are the ones the police register most closely, and hazardous-chemicals dealers are rare but high-risk.
 */
import type { Rng } from '../district/random.js';
import type { PremisesRow, Trade } from './types.js';

type Risk = PremisesRow['risk_level'];

interface TradeProfile {
  weight: number;
  nouns: readonly string[];
  /** Share run by sole traders (credit code 92…) rather than companies (91…). */
  soleTrader: number;
  risk: readonly (readonly [Risk, number])[];
  licence: ((r: Rng) => string) | null;
}

const digits = (r: Rng, n: number): string => String(r.int(0, 10 ** n - 1)).padStart(n, '0');
const food = (r: Rng) => `JY${r.chance(0.7) ? 2 : 1}330203${digits(r, 7)}`;

export const TRADES: Record<Trade, TradeProfile> = {
  catering: {
    weight: 30, soleTrader: 0.7, risk: [['low', 75], ['medium', 22], ['high', 3]], licence: food,
    nouns: ['面馆', '小吃店', '餐厅', '饭店', '火锅店', '烧烤店', '奶茶店', '快餐店', '海鲜排档', '包子铺', '咖啡馆', '汤圆店'],
  },
  retail: {
    weight: 32, soleTrader: 0.75, risk: [['low', 90], ['medium', 10]], licence: food,
    nouns: ['便利店', '超市', '水果店', '服装店', '烟酒店', '五金店', '药房', '手机店', '文具店', '副食品店', '母婴店', '眼镜店'],
  },
  repair: {
    weight: 9, soleTrader: 0.8, risk: [['low', 70], ['medium', 30]], licence: null,
    nouns: ['汽修店', '电动车维修部', '手机维修店', '家电维修部', '开锁店', '修鞋配钥匙店'],
  },
  other: {
    weight: 12, soleTrader: 0.6, risk: [['low', 92], ['medium', 8]], licence: null,
    nouns: ['理发店', '洗衣店', '房产中介', '培训中心', '快递驿站', '美容院', '照相馆', '棋院'],
  },
  hotel: {
    weight: 5, soleTrader: 0.2, risk: [['low', 40], ['medium', 50], ['high', 10]],
    licence: (r) => `甬公特(旅)字第330203${digits(r, 4)}号`, nouns: ['宾馆', '快捷酒店', '大酒店', '商务酒店', '旅馆', '民宿'],
  },
  entertainment: {
    weight: 5, soleTrader: 0.3, risk: [['low', 20], ['medium', 50], ['high', 30]],
    licence: (r) => `娱经字(${r.int(2016, 2025)})第${digits(r, 4)}号`, nouns: ['KTV', '歌舞厅', '足浴店', '棋牌室', '酒吧', '台球室'],
  },
  internet_cafe: {
    weight: 3, soleTrader: 0.3, risk: [['low', 25], ['medium', 60], ['high', 15]],
    licence: (r) => `浙网文〔${r.int(2016, 2025)}〕${digits(r, 4)}-${digits(r, 3)}号`, nouns: ['网吧', '网咖', '电竞馆'],
  },
  pawn_second_hand: {
    weight: 3, soleTrader: 0.4, risk: [['low', 25], ['medium', 60], ['high', 15]],
    licence: (r) => `典当经营许可证${digits(r, 8)}`, nouns: ['典当行', '二手手机店', '旧货店', '二手车行', '再生资源回收站'],
  },
  hazardous_chemicals: {
    weight: 1, soleTrader: 0.1, risk: [['medium', 20], ['high', 80]],
    licence: (r) => `甬危化经字〔${r.int(2018, 2025)}〕${digits(r, 3)}号`, nouns: ['化工经营部', '加油站', '液化气供应站', '油漆化工店'],
  },
};

export const TRADE_WEIGHTS = (Object.keys(TRADES) as Trade[]).map((t) => [t, TRADES[t].weight] as const);

const BRAND_WORDS = [
  '鸿泰', '万家', '好运', '福满', '金海', '鑫源', '百姓', '德顺', '天天', '甬城', '四明', '阿拉', '老街', '新和', '悦来',
  '顺发', '宏达', '诚信', '兴隆', '东方', '明州', '一品', '味道', '小城', '江南', '海曙', '月湖', '宁波', '恒丰', '如意',
] as const;
const SURNAMES = ['王', '李', '张', '陈', '周', '徐', '胡', '林', '俞', '应', '沈', '邬'] as const;

/** A shop sign: brand or "老王记" plus what it sells, sometimes with the branch's road. */
export function premisesName(r: Rng, trade: Trade, road: string): string {
  const noun = r.pick(TRADES[trade].nouns);
  const stem = r.chance(0.3) ? `${r.chance(0.5) ? '老' : ''}${r.pick(SURNAMES)}记` : r.pick(BRAND_WORDS);
  const branch = r.chance(0.15) ? `(${road}店)` : '';
  return `${stem}${noun}${branch}`;
}
