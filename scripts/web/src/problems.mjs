// Why an input is not a valid identifier, in the page's two languages. The English is the identifier library's own
// wording (what `tracemark check` prints); a server test holds the two to the same text.
const zh = {
  labels: { mobile: '手机号', cn_id: '身份证号', email: '邮箱地址' },
  expected: { mobile: ' 11 位', cn_id: ' 18 位（旧号码为 15 位）', email: '最多 254 个字符' },
  problems: {
    empty: () => '输入为空',
    character: (c, at, kind) => `第 ${at} 位的“${c}”不能出现在${zh.labels[kind]}中`,
    mobileStart: () => '手机号以 1 开头',
    length: (n, kind) => `共 ${n} 个字符；${zh.labels[kind]}应为${zh.expected[kind]}`,
    segment: (p) => `${p} 不是已分配的手机号段`,
    legacy: () => '这是 15 位的旧号码：请输入现行身份证上的 18 位号码',
    month: (m) => `月份 ${m} 不存在`,
    tooOld: (y) => `出生年份 ${y} 早于 1880 年`,
    day: (d, y, m) => `${y} 年 ${m} 月没有 ${d} 日`,
    future: (y, m, d) => `出生日期 ${y}-${m}-${d} 在未来`,
    checkCharacter: (c) => `最后一位（校验位）应为 ${c}`,
    emailAt: () => '邮箱地址应恰好包含一个 @',
    emailLocal: () => '@ 前的部分为空、过长，或含有不允许的字符或点',
    emailDomain: () => '@ 后不是带顶级域名的有效域名',
    kind: (k) => `不支持查询 ${k}`,
  },
};

const en = {
  labels: { mobile: 'mobile number', cn_id: 'resident ID number', email: 'e-mail address' },
  expected: { mobile: '11', cn_id: '18 (or 15 for legacy numbers)', email: 'at most 254' },
  // The identifier library's own words (what `tracemark check` says).
  problems: {
    empty: () => 'empty value',
    character: (c, at, kind) => `character '${c}' at position ${at} is not allowed in a ${en.labels[kind]}`,
    mobileStart: () => 'a mobile number starts with 1',
    length: (n, kind) => `has ${n} characters; a ${en.labels[kind]} has ${en.expected[kind]}`,
    segment: (p) => `${p} is not an assigned mobile segment`,
    legacy: () => 'a 15-digit legacy number: enter the 18-digit number of your current ID card',
    month: (m) => `month ${m}`,
    tooOld: (y) => `birth year ${y} is before 1880`,
    day: (d, y, m) => `day ${d} does not exist in ${y}-${String(m).padStart(2, '0')}`,
    future: (y, m, d) => `birth date ${y}-${m}-${d} is in the future`,
    checkCharacter: (c) => `check character should be ${c}`,
    emailAt: () => 'an e-mail address has exactly one @',
    emailLocal: () => 'the part before @ is empty, too long or has characters or dots that are not allowed',
    emailDomain: () => 'the domain after @ is not a valid host name with a top-level domain',
    kind: (k) => `${k} cannot be checked here`,
  },
};

/** The reason for a problem found by validate() (exposure-client.mjs), in 'zh' or 'en'. */
export function explain(lang, problem) {
  const words = lang === 'zh' ? zh : en;
  return words.problems[problem.code](...problem.args);
}
