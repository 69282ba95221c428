// Interop check run by the server tests: @cloudflare/voprf-ts in Node as the client of `tracemark serve`.
// Usage: node interop.mjs BASE_URL KIND VALUE   → prints {"found":…,"record":…,"bucket":…,"epoch":…}
import { canonical, check } from './src/exposure-client.mjs';

const [base, kind, raw] = process.argv.slice(2);
const value = canonical(kind, raw);
if (value === null) {
  console.error(`not a valid ${kind}: ${raw}`);
  process.exit(2);
}
try {
  console.log(JSON.stringify(await check(base.endsWith('/') ? base : `${base}/`, kind, value)));
} catch (e) {
  console.error(`interop: ${e.message}`);
  process.exit(1);
}
