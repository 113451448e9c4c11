/**
 * What kinds of cases happen where and when: each case code with its share, the settings it happens
 * in (on the street, in a home, in premises of certain trades), its hour-of-day profile, how much more
 * often it happens at weekends, whether it is usually discovered later (an occurred_from–occurred_to
 * window, as with a burglary found after work) and a one-line narrative.
 *
 * Codes are those migration 0002 seeds into case_codes: GA 240.1 for nine cases in ten, NIBRS for the
 * rest (cases exchanged with partners that classify by NIBRS).
 */
import type { Rng } from '../district/random.js';
import type { CaseRow, Trade } from './types.js';

export type Setting = 'street' | 'dwelling' | 'premises';

/** Relative frequency by hour of day, 0–23, China time. */
export const HOURS = {
  shopping: [1, 1, 0.5, 0.3, 0.3, 0.5, 1, 2, 3, 4, 5, 6, 6, 5, 5, 5, 6, 8, 9, 9, 8, 6, 4, 2],
  night: [8, 8, 7, 6, 5, 4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 4, 5, 6, 8, 9, 9],
  burglary: [3, 4, 4, 3, 2, 1, 1, 2, 4, 6, 7, 7, 6, 6, 7, 7, 6, 4, 3, 2, 2, 2, 2, 2],
  daytime: [0.5, 0.3, 0.2, 0.2, 0.2, 0.5, 1, 3, 5, 7, 8, 8, 6, 7, 8, 8, 7, 6, 6, 5, 4, 3, 2, 1],
  violence: [7, 6, 4, 3, 2, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 4, 5, 7, 9, 10, 10, 9],
  late: [8, 8, 7, 5, 3, 1, 1, 0.5, 0.5, 0.5, 1, 1, 1, 1, 1, 1, 1, 2, 3, 5, 6, 8, 9, 9],
  evening: [2, 1.5, 1, 0.5, 0.5, 0.5, 1, 2, 3, 3, 3, 4, 4, 3, 3, 4, 5, 7, 9, 10, 10, 8, 6, 4],
  any: [2, 1.5, 1, 1, 1, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 5, 6, 7, 7, 7, 6, 5, 3],
} as const satisfies Record<string, readonly number[]>;
export type HourProfile = keyof typeof HOURS;

export interface NarrativeContext { r: Rng; place: string; time: string }

export interface CasePattern {
  system: CaseRow['code_system'];
  code: string;
  weight: number;
  settings: readonly (readonly [Setting, number])[];
  /** Trades whose premises this happens in, when it happens in premises. */
  trades?: readonly Trade[];
  hours: HourProfile;
  /** Saturday and Sunday rate relative to a weekday. */
  weekend: number;
  /** Share discovered after the fact, and how long the window then is, in hours. */
  window: number;
  windowHours?: readonly [number, number];
  narrative: (c: NarrativeContext) => string;
}

const money = (r: Rng, lo: number, hi: number) => Math.round(r.float(lo, hi) / 10) * 10;
const STREET: CasePattern['settings'] = [['street', 1]];
const HOME: CasePattern['settings'] = [['dwelling', 1]];
const SHOPS: readonly Trade[] = ['retail', 'catering', 'hotel'];
const NIGHTLIFE: readonly Trade[] = ['entertainment', 'catering', 'internet_cafe'];
const VICE: readonly Trade[] = ['internet_cafe', 'entertainment', 'hotel'];
const generic = (text: string) => ({ time }: NarrativeContext) => `${time}接报，${text}，待进一步核实。`;

const pickpocket = ({ r, place, time }: NarrativeContext) => `${time}许，报警人在${place}被扒窃手机一部，价值约${money(r, 800, 6000)}元。`;
const ebike = ({ r, place }: NarrativeContext) => `报警人称其停放在${place}的电动自行车被盗，车辆价值约${money(r, 800, 4000)}元。`;
const burglary = ({ r, place }: NarrativeContext) => `报警人称其位于${place}的住所被撬门入室，丢失现金及首饰若干，价值约${money(r, 2000, 50_000)}元。`;
const theft = ({ r, place }: NarrativeContext) => `${place}发生盗窃，被盗${r.pick(['钱包', '手提包', '笔记本电脑', '收银台现金', '快递包裹'])}，价值约${money(r, 200, 8000)}元。`;
const telecom = ({ r }: NarrativeContext) => `报警人接到冒充${r.pick(['电商客服', '公检法人员', '熟人', '银行工作人员'])}的电话，按对方要求转账${money(r, 1000, 200_000)}元后发现被骗。`;
const fraud = ({ r, place }: NarrativeContext) => `报警人在${place}被以${r.pick(['低价出售', '代办业务', '中奖兑付'])}为由骗走现金${money(r, 500, 20_000)}元。`;
const snatch = ({ place, time }: NarrativeContext) => `${time}许，报警人在${place}被驾驶摩托车的男子抢走挎包一个。`;
const robbery = ({ r, place, time }: NarrativeContext) => `${time}许，报警人在${place}被一男子持刀抢走现金${money(r, 200, 5000)}元。`;
const injury = ({ r, place }: NarrativeContext) => `${place}发生纠纷引发打架，${r.int(1, 3)}人受伤送医。`;
const homicide = ({ place }: NarrativeContext) => `${place}发生一起命案，现场已封锁。`;
const affray = ({ r, place }: NarrativeContext) => `${place}两伙人聚众斗殴，涉及${r.int(5, 15)}人。`;
const provocation = ({ place }: NarrativeContext) => `${place}有人酒后滋事，损坏财物。`;
const gambling = ({ r, place }: NarrativeContext) => `群众举报${place}有人聚众赌博，现场查获赌资${money(r, 1000, 30_000)}元。`;
const drugs = ({ r, place }: NarrativeContext) => `在${place}查获涉嫌吸毒人员${r.int(1, 4)}名。`;
const arson = ({ place }: NarrativeContext) => `${place}发生人为纵火，火势已扑灭，无人员伤亡。`;
const vandalism = ({ place }: NarrativeContext) => `${place}停放的车辆及公共设施遭人为损坏。`;
const vehicle = ({ place }: NarrativeContext) => `报警人称其停放在${place}的小型轿车被盗。`;
const fromVehicle = ({ place }: NarrativeContext) => `报警人称其停放在${place}的车辆车窗被砸，车内财物被盗。`;

const GA = (code: string, weight: number, rest: Omit<CasePattern, 'system' | 'code' | 'weight'>): CasePattern => ({ system: 'GA240.1', code, weight, ...rest });
const NIBRS = (code: string, weight: number, rest: Omit<CasePattern, 'system' | 'code' | 'weight'>): CasePattern => ({ system: 'NIBRS', code, weight, ...rest });

/** Weights are per mille of all cases. */
export const CASE_PATTERNS: readonly CasePattern[] = [
  GA('050202', 95, { settings: [['street', 0.7], ['premises', 0.3]], trades: SHOPS, hours: 'shopping', weekend: 1.3, window: 0, narrative: pickpocket }),
  GA('050203', 130, { settings: [['street', 0.8], ['dwelling', 0.2]], hours: 'night', weekend: 1, window: 0.7, windowHours: [1, 10], narrative: ebike }),
  GA('050201', 85, { settings: HOME, hours: 'burglary', weekend: 0.8, window: 0.8, windowHours: [2, 10], narrative: burglary }),
  GA('050200', 110, { settings: [['premises', 0.6], ['street', 0.4]], trades: SHOPS, hours: 'shopping', weekend: 1.2, window: 0.2, windowHours: [1, 6], narrative: theft }),
  GA('050301', 150, { settings: HOME, hours: 'daytime', weekend: 0.9, window: 0.1, windowHours: [1, 48], narrative: telecom }),
  GA('050300', 35, { settings: [['premises', 0.6], ['street', 0.4]], trades: ['retail', 'pawn_second_hand', 'other'], hours: 'daytime', weekend: 1, window: 0, narrative: fraud }),
  GA('050400', 20, { settings: STREET, hours: 'evening', weekend: 1.1, window: 0, narrative: snatch }),
  GA('050100', 14, { settings: STREET, hours: 'late', weekend: 1.2, window: 0, narrative: robbery }),
  GA('040200', 40, { settings: [['street', 0.5], ['premises', 0.5]], trades: NIGHTLIFE, hours: 'violence', weekend: 1.6, window: 0, narrative: injury }),
  GA('040100', 0.5, { settings: HOME, hours: 'violence', weekend: 1.2, window: 0.3, windowHours: [1, 24], narrative: homicide }),
  GA('060100', 14, { settings: [['premises', 0.6], ['street', 0.4]], trades: NIGHTLIFE, hours: 'violence', weekend: 1.8, window: 0, narrative: affray }),
  GA('060200', 55, { settings: [['street', 0.5], ['premises', 0.5]], trades: NIGHTLIFE, hours: 'violence', weekend: 1.5, window: 0, narrative: provocation }),
  GA('060300', 24, { settings: [['premises', 0.7], ['dwelling', 0.3]], trades: VICE, hours: 'late', weekend: 1.3, window: 0, narrative: gambling }),
  GA('060400', 18, { settings: [['premises', 0.6], ['dwelling', 0.4]], trades: VICE, hours: 'late', weekend: 1.3, window: 0, narrative: drugs }),
  GA('030100', 3, { settings: [['street', 0.5], ['dwelling', 0.5]], hours: 'night', weekend: 1, window: 0, narrative: arson }),
  GA('050000', 10, { settings: [['street', 0.5], ['dwelling', 0.5]], hours: 'any', weekend: 1, window: 0, narrative: generic('侵犯财产类警情') }),
  GA('060000', 10, { settings: [['street', 0.7], ['premises', 0.3]], trades: NIGHTLIFE, hours: 'any', weekend: 1.2, window: 0, narrative: generic('妨害社会管理秩序类警情') }),
  GA('040000', 4, { settings: STREET, hours: 'any', weekend: 1.2, window: 0, narrative: generic('侵犯人身权利类警情') }),
  GA('030000', 3, { settings: STREET, hours: 'any', weekend: 1, window: 0, narrative: generic('危害公共安全类警情') }),
  NIBRS('23H', 25, { settings: [['street', 0.5], ['premises', 0.5]], trades: SHOPS, hours: 'shopping', weekend: 1.2, window: 0.2, windowHours: [1, 6], narrative: theft }),
  NIBRS('23F', 10, { settings: STREET, hours: 'night', weekend: 1, window: 0.8, windowHours: [2, 10], narrative: fromVehicle }),
  NIBRS('220', 12, { settings: HOME, hours: 'burglary', weekend: 0.8, window: 0.8, windowHours: [2, 10], narrative: burglary }),
  NIBRS('13B', 12, { settings: [['street', 0.5], ['premises', 0.5]], trades: NIGHTLIFE, hours: 'violence', weekend: 1.6, window: 0, narrative: injury }),
  NIBRS('13A', 4, { settings: [['street', 0.6], ['premises', 0.4]], trades: NIGHTLIFE, hours: 'violence', weekend: 1.6, window: 0, narrative: injury }),
  NIBRS('290', 10, { settings: STREET, hours: 'night', weekend: 1.3, window: 0.5, windowHours: [2, 10], narrative: vandalism }),
  NIBRS('26A', 12, { settings: [['dwelling', 0.6], ['premises', 0.4]], trades: ['retail', 'other'], hours: 'daytime', weekend: 0.9, window: 0, narrative: fraud }),
  NIBRS('120', 3, { settings: STREET, hours: 'late', weekend: 1.2, window: 0, narrative: robbery }),
  NIBRS('240', 4, { settings: STREET, hours: 'night', weekend: 1, window: 0.8, windowHours: [4, 12], narrative: vehicle }),
  NIBRS('35A', 4, { settings: [['premises', 0.6], ['dwelling', 0.4]], trades: VICE, hours: 'late', weekend: 1.3, window: 0, narrative: drugs }),
  NIBRS('39A', 3, { settings: [['premises', 1]], trades: VICE, hours: 'late', weekend: 1.3, window: 0, narrative: gambling }),
  NIBRS('200', 0.5, { settings: STREET, hours: 'night', weekend: 1, window: 0, narrative: arson }),
  NIBRS('09A', 0.1, { settings: HOME, hours: 'violence', weekend: 1.2, window: 0.3, windowHours: [1, 24], narrative: homicide }),
];
