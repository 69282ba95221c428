// The check page: Chinese first, English on request. Everything private happens here, in the browser.
import { check, checkCredential, normaliseAccount, normalisePassword, validate } from './exposure-client.mjs';
import { explain } from './problems.mjs';

const text = {
  zh: {
    title: '我的信息泄露了吗？', lead: '输入手机号、身份证号或邮箱，查询它是否出现在已知的泄露数据中。号码只在您的浏览器里处理，不会发送给任何人——服务器只看到一个随机化的值。',
    mobile: '手机号', cn_id: '身份证号', email: '邮箱', check: '查询', checking: '正在查询…', lang: 'English',
    invalid: '请检查输入：这不是有效的', found: (n) => `找到了：这个号码出现在 ${n} 起已知泄露中`, notFound: '未找到：这个号码不在本服务已知的泄露数据中。这不代表绝对安全——很多泄露从未被发现。',
    category: '泄露类型', since: '首次发现', fields: '一同泄露的信息', dataset: '数据集', more: (n) => `另有 ${n} 起更早的泄露`,
    next: '接下来怎么做', advice: ['警惕自称快递理赔、贷款、客服、公检法的来电——骗子会报出您的真实信息；不转账，不透露短信验证码。', '若身份证号或银行卡泄露：联系银行加强监控或换卡，在中国人民银行征信中心查询个人征信报告，留意是否有陌生贷款。', '遇到诈骗请拨打 110 或使用“国家反诈中心”App；个人信息泄露可向网信部门举报（12377.cn）。'],
    privacy: (b) => `隐私说明：查询使用 RFC 9497 可验证不经意伪随机函数（VOPRF）。您的号码在本地被“盲化”后才发送，服务器附带证明以表明它用的是公开的密钥；随后页面下载${b ? ` ${b.buckets} 个数据桶中的一个（每桶 ${b.perBucket} 条，含填充）` : '其中一个数据桶'}并在本地解密。`,
    stats: (c) => `本服务收录${c.leaks ? ` ${c.leaks} 起已知泄露中的` : ''} ${c.entries} 个手机号、身份证号和邮箱${c.newest ? `（最近一起泄露发现于 ${c.newest}）` : ''}，数据更新于 ${c.published}。`,
    statsError: '暂时无法读取本服务的数据规模。',
    error: '查询失败：', busy: (s) => `查询太频繁，请 ${s} 秒后再试。`,
    cats: { courier: '快递物流', loan: '贷款金融', hotel: '酒店住宿', ecommerce: '电商购物', social: '社交网络', telecom: '电信运营商', government: '政务机构', other: '其他' },
    ctitle: '账号密码泄露了吗？', clead: '输入账号（QQ号、手机号、邮箱或游戏/微信账号）和密码，查询这对账号密码是否出现在已知的盗号数据中。密码不会离开您的浏览器；服务器只看到一个随机化的值和账号哈希的一小段前缀。',
    account: '账号', password: '密码', ccheck: '查询账号密码',
    badAccount: '请检查账号：应为邮箱、手机号、QQ号或 4–32 位字母数字组成的账号名。', badPassword: '请检查密码：应为 4–128 个字符，不含空格和中文。',
    cfound: (n) => `找到了：这个账号和密码出现在 ${n} 份已知的盗号数据中`, cnotFound: '未找到：这对账号密码不在本服务已知的盗号数据中。这不代表绝对安全——很多数据从未被发现，在别处用过的密码也可能已经泄露。',
    cadvice: ['立即修改这个密码，凡是用过同一密码的地方都要改。', '开启 QQ 设备锁、微信账号保护等二次验证，检查登录设备和绑定手机。', '警惕“账号被冻结”“解封”“找回账号”类骗局，任何人索要短信验证码都不要给。'],
    names: { name: '姓名', mobile: '手机号', cn_id: '身份证号', address: '地址', bank_card: '银行卡号', email: '邮箱', qq: 'QQ号', landline: '固定电话', waybill: '快递单号', plate: '车牌号', cn_passport: '护照号', uscc: '统一社会信用代码', hk_macau_permit: '港澳通行证', hk_id: '香港身份证', tw_id: '台湾身份证', credential: '账号密码' },
  },
  en: {
    title: 'Has my data leaked?', lead: 'Enter a mobile number, resident ID number or e-mail address to see whether it appears in a known leak. The number is processed only in your browser and never sent to anyone — the server sees a randomised value.',
    mobile: 'Mobile', cn_id: 'ID number', email: 'E-mail', check: 'Check', checking: 'Checking…', lang: '中文',
    invalid: 'Please check the input: not a valid', found: (n) => `Found: this number appears in ${n} known leak(s)`, notFound: 'Not found: this number is in none of the leaks this service knows. That is no guarantee — many leaks are never found.',
    category: 'Kind of leak', since: 'First seen', fields: 'Leaked with it', dataset: 'Dataset', more: (n) => `and ${n} older leak(s)`,
    next: 'What to do next', advice: ['Expect calls claiming to be couriers, lenders, customer service or police that quote your real details; never transfer money or share SMS codes.', 'If your ID number or bank card leaked: ask your bank to watch or replace the card, check your credit report at the PBOC Credit Reference Center, look for loans you did not take.', 'Report fraud to 110 or the National Anti-Fraud Center app; report leaks of personal information to the CAC at 12377.cn.'],
    privacy: (b) => `Privacy: the check uses the RFC 9497 verifiable oblivious PRF (VOPRF). Your number is blinded here before anything is sent, the server proves it used its published key, and the page then downloads ${b ? `one of ${b.buckets} buckets (each holds ${b.perBucket} entries, padding included)` : 'one bucket'} and decrypts the match locally.`,
    stats: (c) => `This service covers ${c.entries} mobile numbers, ID numbers and e-mail addresses${c.leaks ? ` from ${c.leaks} known leaks` : ''}${c.newest ? ` (the newest seen ${c.newest})` : ''}; last updated ${c.published}.`,
    statsError: 'The size of this service could not be read just now.',
    error: 'The check failed: ', busy: (s) => `Too many checks: try again in ${s} seconds.`,
    cats: { courier: 'courier / logistics', loan: 'loans / finance', hotel: 'hotel stays', ecommerce: 'online shopping', social: 'social network', telecom: 'telecom operator', government: 'government body', other: 'other' },
    ctitle: 'Has my password leaked?', clead: 'Enter an account (QQ number, mobile, e-mail, game or WeChat account) and its password to see whether that pair appears in a known dump of stolen accounts. The password never leaves your browser; the server sees a randomised value and a short prefix of a hash of the account.',
    account: 'Account', password: 'Password', ccheck: 'Check the pair',
    badAccount: 'Please check the account: an e-mail address, mobile, QQ number, or an account name of 4–32 letters and digits.', badPassword: 'Please check the password: 4–128 characters, no spaces.',
    cfound: (n) => `Found: this account and password appear in ${n} known dump(s) of stolen accounts`, cnotFound: 'Not found: this pair is in none of the dumps this service knows. That is no guarantee — many dumps are never found, and a password used elsewhere may still be known.',
    cadvice: ['Change this password now, everywhere you used it.', 'Turn on two-step verification (QQ device lock, WeChat account protection); check the login devices and the bound phone.', 'Expect "frozen account", "unblock" or "account recovery" scams; never give anyone an SMS code.'],
    names: { name: 'name', mobile: 'mobile', cn_id: 'ID number', address: 'address', bank_card: 'bank card', email: 'e-mail', qq: 'QQ number', landline: 'landline', waybill: 'waybill number', plate: 'plate', cn_passport: 'passport', uscc: 'credit code', hk_macau_permit: 'HK/Macau permit', hk_id: 'HK ID', tw_id: 'Taiwan ID', credential: 'account and password' },
  },
};

let lang = 'zh';
let last = null;
let config = null;
const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  children.forEach((c) => node.append(c));
  return node;
};

function render() {
  const t = text[lang];
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t.title;
  for (const key of ['title', 'lead', 'check', 'ctitle', 'clead', 'ccheck']) $(key).textContent = t[key];
  $('account').placeholder = t.account;
  $('password').placeholder = t.password;
  $('account').setAttribute('aria-label', t.account);
  $('password').setAttribute('aria-label', t.password);
  $('credentials').hidden = !config?.config?.credentialsPerBucket;
  const number = (n) => Number(n).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
  $('privacy').textContent = t.privacy(config?.config && { buckets: number(2 ** config.config.prefixBits), perBucket: number(config.config.entriesPerBucket) });
  if (config?.config) {
    const c = config.config;
    $('stats').textContent = t.stats({ entries: number(c.entries), leaks: c.leaks ? number(c.leaks) : null, newest: c.newest ?? null, published: String(c.published).slice(0, 10) });
  } else if (config?.error) {
    $('stats').textContent = t.statsError;
  }
  $('lang').textContent = t.lang;
  for (const option of $('kind').options) option.textContent = t[option.value];
  if (last) show(last);
}

function show(state) {
  last = state;
  const t = text[lang];
  const out = $('result');
  out.replaceChildren();
  out.dataset.state = state.kind;
  if (state.kind === 'checking') { out.append(t.checking); return; }
  if (state.kind === 'bad-credential') { out.append(el('p', { class: 'bad' }, t[state.what])); return; }
  if (state.kind === 'invalid') {
    out.append(el('p', { class: 'bad' }, `${t.invalid} ${t[state.what]}${lang === 'zh' ? '：' : ': '}${explain(lang, state.problem)}`));
    return;
  }
  if (state.kind === 'error') { out.append(state.status === 429 ? t.busy(state.retryAfter ?? 60) : t.error + state.message); return; }
  if (!state.found) { out.append(el('p', { class: 'ok' }, state.credential ? t.cnotFound : t.notFound)); return; }
  const leaks = state.record.leaks;
  out.append(el('p', { class: 'bad' }, (state.credential ? t.cfound : t.found)(leaks.length + state.record.more)));
  const table = el('table', {}, el('tr', {}, ...[t.category, t.since, t.fields, t.dataset].map((h) => el('th', {}, h))));
  for (const leak of leaks) {
    table.append(el('tr', {},
      el('td', {}, t.cats[leak.category] ?? leak.category), el('td', {}, leak.since),
      el('td', {}, leak.fields.map((f) => t.names[f] ?? f).join(lang === 'zh' ? '、' : ', ')), el('td', {}, leak.dataset ?? '—')));
  }
  out.append(table);
  if (state.record.more > 0) out.append(el('p', {}, t.more(state.record.more)));
  out.append(el('h2', {}, t.next), el('ul', {}, ...(state.credential ? t.cadvice : t.advice).map((a) => el('li', {}, a))));
}

async function submit(event) {
  event.preventDefault();
  const kind = $('kind').value;
  const { value, problem } = validate(kind, $('value').value);
  if (problem) { show({ kind: 'invalid', what: kind, problem }); return; }
  show({ kind: 'checking' });
  try {
    const answer = await check(new URL('./', window.location.href), kind, value);
    show({ kind: answer.found ? 'found' : 'not-found', ...answer });
  } catch (e) {
    show({ kind: 'error', message: e.message, status: e.status, retryAfter: e.retryAfter });
  }
}

// The pair is normalised and checked here; the password field is cleared once the answer is shown.
async function submitCredential(event) {
  event.preventDefault();
  const account = normaliseAccount($('account').value);
  if (!account) { show({ kind: 'bad-credential', what: 'badAccount' }); return; }
  const password = normalisePassword($('password').value);
  if (!password) { show({ kind: 'bad-credential', what: 'badPassword' }); return; }
  show({ kind: 'checking' });
  try {
    const answer = await checkCredential(new URL('./', window.location.href), account, password);
    show({ kind: answer.found ? 'found' : 'not-found', credential: true, ...answer });
  } catch (e) {
    show({ kind: 'error', message: e.message, status: e.status, retryAfter: e.retryAfter });
  } finally {
    $('password').value = '';
  }
}

$('form').addEventListener('submit', submit);
$('cform').addEventListener('submit', submitCredential);
$('lang').addEventListener('click', () => { lang = lang === 'zh' ? 'en' : 'zh'; render(); });
render();
// What the service covers and when it was published (config.json), stated up front as HIBP does.
fetch(new URL('v1/oprf/config', window.location.href))
  .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
  .then((c) => { config = { config: c }; $('stats').dataset.state = 'loaded'; })
  .catch(() => { config = { error: true }; $('stats').dataset.state = 'error'; })
  .finally(render);
