/**
 * Inspections of premises: one to three per premises over the last two years (or since it opened).
 *
 * Risky trades get more fire and security inspections and fail more often. A failed inspection sets a
 * rectification deadline of one to four weeks; once the deadline has passed the premises has either
 * put things right (rectified) or not (overdue, about a quarter of them), so roughly 5–10 % of all
 * inspections end up overdue and the open ones still carry their deadline.
 */
import type { Rng } from '../district/random.js';
import { DAY_MS, dateDaysAgo } from './clock.js';
import type { Provenance } from './provenance.js';
import type { InspectionRow, PremisesRow } from './types.js';

type Kind = InspectionRow['kind'];
const KINDS_BY_RISK: Record<PremisesRow['risk_level'], readonly (readonly [Kind, number])[]> = {
  low: [['routine', 50], ['fire', 30], ['security', 12], ['special', 3]],
  medium: [['routine', 35], ['fire', 35], ['security', 22], ['special', 8]],
  high: [['routine', 20], ['fire', 45], ['security', 20], ['special', 15]],
};
const FAILURE_BY_RISK: Record<PremisesRow['risk_level'], number> = { low: 0.2, medium: 0.3, high: 0.42 };
const OVERDUE_SHARE = 0.27;

const FINDINGS: Record<Kind, readonly string[]> = {
  routine: ['从业人员登记不全', '营业执照未悬挂', '监控录像保存不足30天', '台账记录不完整'],
  fire: ['灭火器过期未更换', '安全出口堵塞', '疏散指示标志损坏', '电气线路私拉乱接', '消防通道堆放杂物', '应急照明不亮'],
  security: ['监控探头损坏', '未落实实名登记', '重点部位无人值守', '防盗设施缺失'],
  special: ['危化品储存超量', '未按规定建立出入库台账', '住宿登记信息未实时上传', '未成年人入场未查验身份'],
  follow_up: ['整改不到位', '部分问题仍未整改'],
};
const PASSED = ['未发现问题', '检查合格', '各项制度落实到位', '消防设施完好有效'];

export function generateInspections(r: Rng, prov: Provenance, premises: readonly PremisesRow[]): InspectionRow[] {
  const { clock } = prov;
  const rows: InspectionRow[] = [];
  for (const p of premises) {
    const openDays = Math.floor((clock.nowMs - Date.parse(p.created_at)) / DAY_MS);
    const window = Math.min(730, Math.max(1, openDays));
    const count = r.weighted([[1, 40], [2, 40], [3, 20]] as const);
    const days = Array.from({ length: count }, () => r.int(0, window)).sort((a, b) => b - a);
    let previousFailed = false;
    for (const ago of days) {
      const kind: Kind = previousFailed && r.chance(0.6) ? 'follow_up' : r.weighted(KINDS_BY_RISK[p.risk_level]);
      const failed = r.chance(FAILURE_BY_RISK[p.risk_level]);
      previousFailed = failed;
      let status: InspectionRow['status'] = 'passed';
      let deadline: string | null = null;
      let followUp: string | null = null;
      if (failed) {
        const deadlineAgo = ago - r.pick([7, 15, 15, 30]);
        deadline = dateDaysAgo(clock, deadlineAgo);
        if (deadlineAgo <= 0) status = 'rectification_required';
        else if (r.chance(OVERDUE_SHARE)) {
          status = 'overdue';
          followUp = r.pick(['逾期未整改，已约谈负责人', '逾期未整改，已移交消防部门', '逾期未整改，拟予处罚']);
        } else {
          status = 'rectified';
          followUp = `${dateDaysAgo(clock, Math.max(0, deadlineAgo + r.int(-5, 0)))}复查，整改到位`;
        }
      }
      const place = { beatIndex: p.beat_id - 1, addressId: p.address_id, geom: p.geom };
      const frame = prov.frame(r, rows.length + 1, ago, place);
      rows.push(Object.assign(frame, {
        premises_id: p.id,
        inspected_on: dateDaysAgo(clock, ago),
        inspector: frame.collected_by ?? '值班民警',
        kind,
        findings: failed ? r.pick(FINDINGS[kind]) : r.pick(PASSED),
        rectification_deadline: deadline,
        status,
        follow_up: followUp,
      }) satisfies InspectionRow);
    }
  }
  return rows;
}
