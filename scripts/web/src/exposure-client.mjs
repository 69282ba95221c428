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

// Canonical forms as Tracemark's identifier library writes them (the PRF input must match byte for byte).
export function canonical(kind, raw) {
  const text = String(raw).normalize('NFKC').trim();
  if (kind === 'mobile') {
    let digits = text.replace(/[\s\-().+]/g, '');
    if (/^(0086|86)1\d{10}$/.test(digits)) digits = digits.replace(/^(0086|86)/, '');
    return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
  }
  if (kind === 'cn_id') {
    const id = text.replace(/\s/g, '').toUpperCase();
    if (!/^\d{17}[\dX]$/.test(id)) return null;
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = weights.reduce((s, w, i) => s + w * Number(id[i]), 0);
    return '10X98765432'[sum % 11] === id[17] ? id : null;
  }
  if (kind === 'email') {
    const email = text.toLowerCase();
    return /^[^\s@*]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
  }
  return null;
}

async function json(response, what) {
  if (!response.ok) {
    let detail = '';
    try { detail = (await response.json()).error ?? ''; } catch { /* not JSON */ }
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

/** Checks one identifier (kind: mobile | cn_id | email, value already canonical) against the service at base. */
export async function check(base, kind, value) {
  const config = await json(await fetch(new URL('v1/oprf/config', base)), 'config');
  if (config.suite !== suite || config.mode !== 'VOPRF') throw new Error(`unsupported service: ${config.suite} ${config.mode}`);
  const client = new VOPRFClient(suite, b64decode(config.publicKey), CryptoNoble);
  const input = new TextEncoder().encode(`${kind}:${value}`);
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

  const mask = (0xffff << (16 - config.prefixBits)) & 0xffff;
  const bucket = (((y[0] << 8) | y[1]) & mask).toString(16).padStart(4, '0');
  const response = await fetch(new URL(`v1/buckets/${bucket}`, base));
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
