#!/usr/bin/env node
// Self-test of the Node side without Java: stack.mjs + oracle-server.mjs (@x402/express) +
// pay.mjs (@x402/fetch) + balance.mjs. Everything on 127.0.0.1; all children are stopped by PID.
//   node selftest.mjs        -> prints one line per check and "N passed, N failed"; exit 0 if all passed
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodePaymentRequiredHeader } from '@x402/core/http';
import { HERE } from './common.mjs';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'x402-selftest-'));
const stackFile = join(dir, 'stack.json');
const children = [];
let passed = 0;
let failed = 0;

function check(name, ok, detail = '') {
  if (ok) passed++; else failed++;
  process.stdout.write(`${ok ? 'PASS' : 'FAIL'} ${name}${!ok && detail ? ` -- ${detail}` : ''}\n`);
}

function startChild(script, args, readyPattern, timeoutMs = 60_000) {
  const child = spawn(process.execPath, [join(HERE, script), ...args], { stdio: ['pipe', 'pipe', 'pipe'], cwd: HERE });
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`${script} not ready in ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(readyPattern);
      if (m) { clearTimeout(t); resolve({ child, match: m }); }
    });
    child.on('exit', (code) => { clearTimeout(t); reject(new Error(`${script} exited with ${code}: ${stderr}`)); });
  });
}

async function node(script, args) {
  const { stdout } = await run(process.execPath, [join(HERE, script), ...args], { cwd: HERE, timeout: 120_000 });
  return JSON.parse(stdout.trim().split('\n').pop());
}

const balance = async (address) => BigInt((await node('balance.mjs', ['--stack', stackFile, '--address', address])).balance);

async function stopAll() {
  await Promise.all(children.map((c) => new Promise((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) return resolve();
    c.once('exit', resolve);
    c.stdin.end(); // stack/oracle stop when stdin closes ...
    setTimeout(() => { try { process.kill(c.pid, 'SIGTERM'); } catch { /* gone */ } }, 2000).unref(); // ... or on SIGTERM
  })));
}

try {
  const t0 = Date.now();
  await startChild('stack.mjs', ['--out', stackFile, '--lifetime-seconds', '300'], /^READY$/m);
  const startMs = Date.now() - t0;
  const stack = JSON.parse(readFileSync(stackFile, 'utf8'));
  check(`stack ready in ${startMs} ms`, true);
  const { match } = await startChild('oracle-server.mjs', ['--stack', stackFile, '--lifetime-seconds', '300'], /^READY (\S+)$/m);
  const url = `${match[1]}/v1/chat/completions`;
  const stats = async () => (await fetch(`${stack.facilitatorUrl}/stats`)).json();

  const supported = await (await fetch(`${stack.facilitatorUrl}/supported`)).json();
  check('facilitator /supported lists exact on eip155:31337',
    supported.kinds?.some((k) => k.x402Version === 2 && k.scheme === 'exact' && k.network === 'eip155:31337'), JSON.stringify(supported));

  // Unpaid request: 402 + PAYMENT-REQUIRED.
  const unpaid = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model":"m"}' });
  const pr = decodePaymentRequiredHeader(unpaid.headers.get('payment-required'));
  check('unpaid -> 402 with PAYMENT-REQUIRED', unpaid.status === 402 && pr.x402Version === 2 && pr.accepts[0].asset === stack.asset
    && pr.accepts[0].amount === '10000' && unpaid.headers.get('cache-control') === 'no-store', `${unpaid.status} ${JSON.stringify(pr)}`);

  const [p0, m0, q0] = await Promise.all([balance(stack.payerAddress), balance(stack.payTo), balance(stack.payer2Address)]);
  check('initial balances: payers 100 USDC each', p0 === 100_000_000n && q0 === 100_000_000n, `${p0} ${q0}`);

  // Paid call.
  const body = '{"model":"m","messages":[{"role":"user","content":"hi"}]}';
  const r1 = await node('pay.mjs', ['--stack', stackFile, '--url', url, '--body', body]);
  check('paid -> 200 + PAYMENT-RESPONSE success', r1.status === 200 && r1.paymentResponse?.success === true
    && /^0x[0-9a-f]{64}$/.test(r1.paymentResponse.transaction) && r1.paymentResponse.payer === stack.payerAddress
    && r1.paymentResponse.network === 'eip155:31337' && r1.signature && !('replay' in r1), JSON.stringify(r1));
  const [p1, m1] = await Promise.all([balance(stack.payerAddress), balance(stack.payTo)]);
  check('payer -10000, merchant +10000', p0 - p1 === 10_000n && m1 - m0 === 10_000n, `${p0}->${p1} ${m0}->${m1}`);

  // Paid call + replay of the same PAYMENT-SIGNATURE.
  const r2 = await node('pay.mjs', ['--stack', stackFile, '--url', url, '--body', body, '--replay']);
  check('paid (second) -> 200', r2.status === 200 && r2.paymentResponse?.success === true, JSON.stringify(r2));
  check('replay refused with 402 + PAYMENT-REQUIRED.error', r2.replay?.status === 402 && typeof r2.replay?.paymentRequired?.error === 'string'
    && r2.replay.paymentResponse === null, JSON.stringify(r2.replay));
  const [p2, m2] = await Promise.all([balance(stack.payerAddress), balance(stack.payTo)]);
  check('replay charged nothing extra', p1 - p2 === 10_000n && m2 - m1 === 10_000n, `${p1}->${p2} ${m1}->${m2}`);

  // Second payer, SSE body.
  const r3 = await node('pay.mjs', ['--stack', stackFile, '--url', url, '--body', '{"model":"m","stream":true}', '--key', 'payer2']);
  const q3 = await balance(stack.payer2Address);
  check('payer2 streaming call paid', r3.status === 200 && r3.body.includes('data: [DONE]') && r3.paymentResponse?.payer === stack.payer2Address
    && q0 - q3 === 10_000n, `${r3.status} ${q0}->${q3}`);

  // Handler failure: no settlement.
  const before = await stats();
  const r4 = await node('pay.mjs', ['--stack', stackFile, '--url', url, '--body', '{"model":"fail"}']);
  const after = await stats();
  const p4 = await balance(stack.payerAddress);
  check('handler 500 -> no settle, no charge', r4.status === 500 && r4.paymentResponse === null && after.settle === before.settle
    && after.verify === before.verify + 1 && p4 === p2, `${r4.status} ${JSON.stringify(before)} ${JSON.stringify(after)} ${p2}->${p4}`);
  const s = await stats();
  check('facilitator /stats counts', s.settle === 3 && s.verify === 5, JSON.stringify(s));
} catch (e) {
  check('unexpected error', false, e?.stack || String(e));
} finally {
  await stopAll();
  const leftovers = children.filter((c) => c.exitCode === null && c.signalCode === null);
  check('all children stopped', leftovers.length === 0);
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(failed === 0 ? 0 : 1);
}
