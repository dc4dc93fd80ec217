// Every error code the server answers with, in words for the reader's language. The server's own message is
// English (it is written for API partners and logs); the Chinese UI shows the code's meaning instead, plus the
// server's message only when that is already Chinese (the lifecycle's reasons, some business rules).

type Lang = 'zh-CN' | 'en-US';

export const ERROR_ZH: Record<string, string> = {
  validation_failed: '输入有误',
  bad_request: '请求有误',
  invalid_json: '请求格式有误',
  unauthenticated: '请先登录',
  forbidden: '无权执行此操作',
  not_found: '未找到该记录，或不在您的辖区内',
  conflict: '与现有数据冲突，请刷新后重试',
  payload_too_large: '文件或内容过大',
  unsupported_media_type: '不支持的文件类型',
  unprocessable: '无法处理该请求，请检查填写内容',
  rate_limited: '请求过于频繁，请稍后再试',
  account_locked: '登录尝试过多，账号已暂时锁定',
  stop_limit_reached: '该账户止付次数已达上限（每个账户最多 2 次）',
  illegal_transition: '当前状态不允许此操作，请刷新后查看',
  already_done: '该事项已完成或已被他人处理',
  already_exists: '已存在相同记录',
  too_early: '等待期未满，暂不能办理',
  invalid_transition: '当前状态不允许此操作',
  invalid_answer: '反馈内容不符合要求',
  timeout: '请求超时，请稍后再试',
  internal: '服务器内部错误，请稍后再试或联系管理员',
  network: '网络错误，请稍后再试',
};
export const ERROR_EN: Record<string, string> = {
  validation_failed: 'Invalid input',
  bad_request: 'Bad request',
  invalid_json: 'Malformed request',
  unauthenticated: 'Please sign in',
  forbidden: 'You are not allowed to do this',
  not_found: 'Not found, or outside your jurisdiction',
  conflict: 'Conflicts with existing data; reload and try again',
  payload_too_large: 'File or content too large',
  unsupported_media_type: 'Unsupported file type',
  unprocessable: 'The request cannot be processed',
  rate_limited: 'Too many requests; try again later',
  account_locked: 'Account temporarily locked after repeated failed logins',
  stop_limit_reached: 'This account has reached its stop-payment limit (2 per account)',
  illegal_transition: 'Not allowed in the current state; reload to see it',
  already_done: 'Already done or taken by someone else',
  already_exists: 'A record with this key exists already',
  too_early: 'Not yet: a waiting period is still running',
  invalid_transition: 'Not allowed in the current state',
  invalid_answer: 'The answer is not acceptable',
  timeout: 'The request timed out',
  internal: 'Internal server error; try again or contact an administrator',
  network: 'Network error; try again later',
};

const CJK = /[\u4e00-\u9fff]/;

export function currentLang(): Lang {
  try {
    return localStorage.getItem('zhiwang.lang') === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** The words for a server error: the code's meaning in the UI language; the server's detail where it helps. */
export function errorText(
  code: string,
  serverMessage: string,
  status: number,
  field?: string,
  lang: Lang = currentLang(),
): string {
  const dict = lang === 'en-US' ? ERROR_EN : ERROR_ZH;
  const fallback = status >= 500 ? dict.internal! : status === 0 ? dict.network! : undefined;
  const base = dict[code] ?? fallback ?? (lang === 'en-US' ? `Request failed (${code})` : `请求失败（${code}）`);
  if (lang === 'en-US') return serverMessage && status > 0 && status < 500 ? `${base}: ${serverMessage}` : base;
  if (serverMessage && CJK.test(serverMessage)) return `${base}：${serverMessage}`;
  if (code === 'validation_failed' && field) return `${base}（${field.replace(/^\//, '')}）`;
  return base;
}
