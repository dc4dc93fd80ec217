import { FRAUD_TYPES } from '../indicators/i18n.ts';
import { reasonText } from '../warnings/i18n.ts';

// The review's time line and title as the server writes them (reviews/service.ts): fixed words, codes and names
// per step, read in the reader's language here. A text a person wrote (a reopening's reason, a title typed in)
// shows as written, except for the frames the workflow puts around it.

const LEVEL_EN: Record<string, string> = { 高: 'High', 中: 'Medium', 低: 'Low' };
const DISPOSITION: Record<string, [string, string]> = {
  dissuaded: ['劝阻成功', 'Dissuaded'],
  defrauded: ['已被骗', 'Already defrauded'],
  unreachable: ['无法联系', 'Unreachable'],
  refused: ['拒绝配合', 'Refused'],
  false_alarm: ['误报', 'False alarm'],
  merged: ['已合并', 'Merged'],
};
const VISIT: Record<string, [string, string]> = {
  reached: ['已见面', 'reached'],
  'not reached': ['未见面', 'not reached'],
};
const fraudTypeEn = (name: string) => FRAUD_TYPES.find(([, zh]) => zh === name)?.[2] ?? name;

/** A time-line step's detail; `en` is 1 in the English UI (the page's index into its [zh, en] pairs). */
export function stepDetail(step: string, detail: string | null | undefined, en: number): string {
  if (!detail) return '';
  const i = en ? 1 : 0;
  switch (step) {
    case 'visit':
      return VISIT[detail]?.[i] ?? detail;
    case 'closed':
      return DISPOSITION[detail]?.[i] ?? detail;
    case 'loss':
      return detail === '预警后被骗' && en ? 'defrauded after the warning' : detail;
    case 'reopened':
      return reasonText(detail, en ? 'en-US' : 'zh-CN');
    case 'warning_opened': {
      // "高 · 冒充客服、刷单返利": the level's name, then the fraud types' names
      const m = /^([高中低]) · (.*)$/.exec(detail);
      if (!m || !en) return detail;
      const types = m[2] ? m[2].split('、').map(fraudTypeEn).join(', ') : '';
      return `${LEVEL_EN[m[1]!]}${types ? ` · ${types}` : ''}`;
    }
    default:
      return detail;
  }
}

/** The title the server gives a review ("<case no.> 复盘", "预警 <id> 复盘"). */
export function reviewTitle(title: string | null | undefined, en: number): string {
  if (!title || !en) return title ?? '';
  const warning = /^预警 (\S+) 复盘$/.exec(title);
  if (warning) return `Review of warning ${warning[1]}`;
  const other = /^(\S+) 复盘$/.exec(title);
  return other ? `Review of ${other[1]}` : title;
}
