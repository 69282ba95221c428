// The exposure check's client, shared by the page (bundled) and the Node interop test: blind "kind:canonical"
// with the RFC 9497 VOPRF (ristretto255-SHA512), have the server evaluate it, verify its proof against the
// published key, unblind, fetch one bucket and open the matching entry locally. The identifier never leaves here.
import { DLEQProof, Evaluation, Oprf, VOPRFClient } from '@cloudflare/voprf-ts';
import { CryptoNoble } from '@cloudflare/voprf-ts/crypto-noble';

const suite = Oprf.Suite.RISTRETTO255_SHA512;
const TAG = 16;
const NONCE = 12;

export const b64encode = (bytes) => btoa(String.fromCharCode(...bytes));
export const b64decode = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

// Canonical forms as Tracemark's identifier library writes them (the PRF input must match byte for byte), and, for
// what is not valid, the reason the library (and `tracemark check`) gives: { value } or { problem: { code, args } }.
// The page words each problem in Chinese and English; the English is the library's text (a server test compares).
// Region codes and mobile segment tables are not shipped to the browser: such numbers are looked up and not found.
export function validate(kind, raw) {
  const text = String(raw).normalize('NFKC').trim();
  const fail = (code, ...args) => ({ problem: { code, args } });
  if (kind === 'mobile') {
    let digits = text.replace(/[\s\-().]/g, '');
    if (digits === '') return fail('empty');
    digits = digits.replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
    const bad = digits.search(/\D/);
    if (bad >= 0) return fail('character', digits[bad], bad + 1, 'mobile');
    if (digits[0] !== '1') return fail('mobileStart');
    if (digits.length !== 11) return fail('length', digits.length, 'mobile');
    if (!/^1[3-9]/.test(digits)) return fail('segment', digits.slice(0, 3));
    return { value: digits };
  }
  if (kind === 'cn_id') {
    const id = text.replace(/[\s\-]/g, '').toUpperCase();
    if (id === '') return fail('empty');
    const bad = id.slice(0, 17).search(/\D/);
    if (bad >= 0) return fail('character', id[bad], bad + 1, 'cn_id');
    if (id.length === 15) return fail('legacy');
    if (id.length !== 18) return fail('length', id.length, 'cn_id');
    if (!/[\dX]/.test(id[17])) return fail('character', id[17], 18, 'cn_id');
    const year = Number(id.slice(6, 10));
    const month = Number(id.slice(10, 12));
    const day = Number(id.slice(12, 14));
    if (month < 1 || month > 12) return fail('month', month);
    if (year < 1880) return fail('tooOld', year);
    if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return fail('day', day, year, month);
    if (new Date(Date.UTC(year, month - 1, day)) > new Date()) return fail('future', id.slice(6, 10), id.slice(10, 12), id.slice(12, 14));
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = weights.reduce((s, w, i) => s + w * Number(id[i]), 0);
    const check = '10X98765432'[sum % 11];
    return check === id[17] ? { value: id } : fail('checkCharacter', check);
  }
  if (kind === 'email') {
    const email = text.toLowerCase();
    if (email === '') return fail('empty');
    if (email.length > 254) return fail('length', email.length, 'email');
    const parts = email.split('@');
    if (parts.length !== 2) return fail('emailAt');
    const [local, domain] = parts;
    if (local === '' || local.length > 64 || !/^[a-z0-9!#$%&'+\-/=?^_`{|}~]+(\.[a-z0-9!#$%&'+\-/=?^_`{|}~]+)*$/.test(local)) return fail('emailLocal');
    if (!isDomain(domain) || domain.endsWith('.invalid')) return fail('emailDomain');
    return { value: email };
  }
  return fail('kind', kind);
}

// Host names as the library reads them: two or more labels of letters (any script), digits and inner hyphens; the
// last one letters only (or an xn-- name).
function isDomain(domain) {
  const labels = domain.split('.');
  if (domain.length === 0 || domain.length > 253 || labels.length < 2) return false;
  if (!labels.every((l) => l.length > 0 && l.length <= 63 && !l.startsWith('-') && !l.endsWith('-') && /^[\p{L}\p{Nd}-]+$/u.test(l))) return false;
  const last = labels[labels.length - 1];
  return last.startsWith('xn--') ? last.length > 4 : last.length >= 2 && /^\p{L}+$/u.test(last);
}

/** The canonical form of a valid identifier, or null. */
export function canonical(kind, raw) {
  return validate(kind, raw).value ?? null;
}

async function json(response, what) {
  if (!response.ok) {
    let detail = '';
    try { detail = (await response.json()).errors?.map((e) => e.message).join('; ') ?? ''; } catch { /* not JSON */ }
    const error = new Error(`${what}: ${response.status} ${detail}`.trim());
    error.status = response.status;
    error.retryAfter = response.headers.get('retry-after');
    throw error;
  }
  return response.json();
}

async function open(y, entry) {
  const subtle = globalThis.crypto.subtle;
  const ikm = await subtle.importKey('raw', y, 'HKDF', false, ['deriveKey']);
  const key = await subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode('tracemark exposure v1') },
    ikm, { name: 'AES-GCM', length: 256 }, false, ['decrypt']);
  const plain = await subtle.decrypt({ name: 'AES-GCM', iv: entry.slice(TAG, TAG + NONCE), tagLength: 128 }, key, entry.slice(TAG + NONCE));
  return JSON.parse(new TextDecoder().decode(plain).trimEnd());
}

function compare(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

// An account as Tracemark's Credential.Check normalises it (the PRF input and the bucket must match byte for byte):
// an e-mail address in lower case; a mobile number as its 11 digits (+86 and separators dropped); a QQ number as its
// digits; another account name (4–32 letters, digits, _ - ., a letter among them, not a bare hex hash) in lower case.
// null when it is none of these.
export function normaliseAccount(raw) {
  const text = String(raw).normalize('NFKC').trim();
  if (text === '') return null;
  const email = validate('email', text);
  if (email.value) return email.value;
  const mobile = validate('mobile', text);
  if (mobile.value) return mobile.value;
  const qq = text.replace(/\s/g, '');
  if (/^[1-9]\d{4,10}$/.test(qq)) return qq;
  if (text.length < 4 || text.length > 32 || !/^[A-Za-z0-9_.-]+$/.test(text) || !/[A-Za-z]/.test(text) || /^[_.-]/.test(text)) return null;
  if (text.length >= 16 && /^[0-9A-Fa-f]+$/.test(text)) return null;
  return text.toLowerCase();
}

/** A password as the index holds it (trimmed; 4–128 printable ASCII characters, no spaces), or null. */
export function normalisePassword(raw) {
  const text = String(raw).trim();
  return text.length >= 4 && text.length <= 128 && /^[\x21-\x7e]+$/.test(text) ? text : null;
}

async function evaluate(base, config, input) {
  const client = new VOPRFClient(suite, b64decode(config.publicKey), CryptoNoble);
  const [finData, request] = await client.blind([input]);
  const body = { blindedElements: request.blinded.map((e) => b64encode(e.serialize(true))) };
  const answer = await json(await fetch(new URL('v1/oprf/evaluate', base), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  }), 'evaluate');
  const group = Oprf.getGroup(suite, CryptoNoble);
  const evaluation = new Evaluation(Oprf.Mode.VOPRF,
    answer.evaluatedElements.map((e) => group.desElt(b64decode(e))),
    DLEQProof.deserialize(group.id, b64decode(answer.proof), CryptoNoble));
  const [y] = await client.finalize(finData, evaluation); // throws when the proof does not verify
  return y;
}

async function lookup(base, config, folder, bucket, y) {
  const response = await fetch(new URL(`v1/${folder}/${bucket}`, base));
  if (!response.ok) throw new Error(`bucket ${bucket}: ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const size = config.entryBytes;
  const tag = y.slice(2, 2 + TAG);
  let lo = 0;
  let hi = bytes.length / size - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const entry = bytes.subarray(mid * size, (mid + 1) * size);
    const order = compare(entry.subarray(0, TAG), tag);
    if (order === 0) return { found: true, record: await open(y, entry), bucket, epoch: config.epoch };
    if (order < 0) lo = mid + 1; else hi = mid - 1;
  }
  return { found: false, record: null, bucket, epoch: config.epoch };
}

const bucketName = (high, low, prefixBits) => ((((high << 8) | low) & ((0xffff << (16 - prefixBits)) & 0xffff)).toString(16).padStart(4, '0'));

async function serviceConfig(base) {
  const config = await json(await fetch(new URL('v1/oprf/config', base)), 'config');
  if (config.suite !== suite || config.mode !== 'VOPRF') throw new Error(`unsupported service: ${config.suite} ${config.mode}`);
  return config;
}

/** Checks one identifier (kind: mobile | cn_id | email, value already canonical) against the service at base. */
export async function check(base, kind, value) {
  const config = await serviceConfig(base);
  const y = await evaluate(base, config, new TextEncoder().encode(`${kind}:${value}`));
  return lookup(base, config, 'buckets', bucketName(y[0], y[1], config.prefixBits), y);
}

/**
 * Checks one (account, password) pair, both already normalised, against the credential index. The bucket comes from
 * a plain SHA-256 of the account alone, computed here before anything is sent: the server sees the blinded pair and
 * 16 bits of the account's hash, nothing that depends on the password.
 */
export async function checkCredential(base, account, password) {
  const config = await serviceConfig(base);
  if (!config.credentialsPerBucket) throw new Error('this service publishes no credentials');
  const encoder = new TextEncoder();
  const hash = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(`tracemark credential account v1\0${account}`)));
  const bucket = bucketName(hash[0], hash[1], config.prefixBits);
  const y = await evaluate(base, config, encoder.encode(`credential:${account}\n${password}`));
  return lookup(base, config, 'credentials', bucket, y);
}
