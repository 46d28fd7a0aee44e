#!/usr/bin/env node
// Offline x402 test stack: anvil (127.0.0.1) + Circle FiatTokenV2_2 ("USDC") + the real
// @x402 2.27.0 facilitator (exact / EVM / EIP-3009) behind a tiny Express app on 127.0.0.1.
//
//   node stack.mjs --out <file.json> [--anvil-port 0] [--facilitator-port 0]
//                  [--lifetime-seconds 900] [--stdin-watch auto|on|off] [--verbose]
//
// Writes <file.json>, then prints exactly one line "READY" to stdout. Stops by itself after
// --lifetime-seconds, on SIGTERM/SIGINT/SIGHUP, and when its stdin (a pipe from the parent)
// is closed. Anvil runs under a /bin/sh guard that kills it as soon as this process goes
// away, even on SIGKILL, so anvil never outlives the stack.
import { spawn } from 'node:child_process';
import { renameSync, writeFileSync, fstatSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import express from 'express';
import { createWalletClient, http, publicActions, nonceManager, getAddress } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { x402Facilitator } from '@x402/core/facilitator';
import { toFacilitatorEvmSigner } from '@x402/evm';
import { ExactEvmScheme } from '@x402/evm/exact/facilitator';

import { HERE, DEV_ACCOUNTS, CHAIN_ID, NETWORK, localChain, loadArtifact, die } from './common.mjs';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string' },
    'anvil-port': { type: 'string', default: '0' },
    'facilitator-port': { type: 'string', default: '0' },
    'lifetime-seconds': { type: 'string', default: '900' },
    'stdin-watch': { type: 'string', default: 'auto' },
    verbose: { type: 'boolean', default: false },
  },
  strict: true,
});
if (!args.out) die('usage: node stack.mjs --out <file.json> [--anvil-port 0] [--facilitator-port 0] [--lifetime-seconds 900]');
const lifetimeSeconds = Number(args['lifetime-seconds']);
if (!(lifetimeSeconds > 0)) die('--lifetime-seconds must be > 0');

const MINT_AMOUNT = 100_000_000n; // 100 USDC (6 decimals)
const log = (msg) => process.stderr.write(`[stack] ${msg}\n`);
const vlog = (msg) => { if (args.verbose) log(msg); };

// ---------------------------------------------------------------- shutdown handling
let anvilGuard = null; // the /bin/sh guard process
let anvilPid = null; // the anvil process itself
let httpServer = null;
let stopping = false;

function killQuietly(pid, signal = 'SIGTERM') {
  if (!pid) return;
  try { process.kill(pid, signal); } catch { /* already gone */ }
}

let guardExited = false;

function stopAnvil() {
  killQuietly(anvilPid);
  if (anvilGuard && !guardExited) {
    try { anvilGuard.stdin.destroy(); } catch { /* ignore */ }
    killQuietly(anvilGuard.pid);
  }
}

function shutdown(code, why) {
  if (stopping) return;
  stopping = true;
  if (why) log(`stopping: ${why}`);
  stopAnvil();
  if (httpServer) {
    httpServer.closeAllConnections?.();
    httpServer.close();
  }
  // Exit once the guard has reaped anvil (at most 3 s), so nothing is left behind.
  const exit = () => process.exit(code);
  if (!anvilGuard || guardExited) setImmediate(exit);
  else anvilGuard.once('exit', exit);
  setTimeout(exit, 3000).unref();
}

process.on('exit', stopAnvil); // last resort, synchronous
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, () => shutdown(0, sig));
process.on('uncaughtException', (e) => { log(`uncaught: ${e?.stack || e}`); shutdown(1); });
process.on('unhandledRejection', (e) => { log(`unhandled rejection: ${e?.stack || e}`); shutdown(1); });

const lifetimeTimer = setTimeout(() => shutdown(0, `lifetime of ${lifetimeSeconds}s reached`), lifetimeSeconds * 1000);

// Stop when the parent closes our stdin. "auto": only when stdin is a pipe or socket, so that
// running with stdin = /dev/null (e.g. CI without standard input, `&` in a shell) does not stop
// the stack immediately.
function stdinIsPipe() {
  try { const st = fstatSync(0); return st.isFIFO() || st.isSocket(); } catch { return false; }
}
const watchStdin = args['stdin-watch'] === 'on' || (args['stdin-watch'] === 'auto' && stdinIsPipe());
if (watchStdin) {
  process.stdin.on('data', () => {});
  process.stdin.on('end', () => shutdown(0, 'stdin closed'));
  process.stdin.on('error', () => shutdown(0, 'stdin error'));
  process.stdin.resume();
}

// ---------------------------------------------------------------- helpers
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForRpc(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastErr;
  while (Date.now() < deadline) {
    if (stopping) throw new Error('stopping');
    try {
      const r = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      });
      const j = await r.json();
      if (BigInt(j.result) === BigInt(CHAIN_ID)) return;
      lastErr = new Error(`unexpected chain id ${j.result}`);
    } catch (e) { lastErr = e; }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`anvil RPC not ready at ${url}: ${lastErr?.message}`);
}

function startAnvil(port) {
  const bin = join(HERE, 'node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil');
  const anvilArgs = ['--host', '127.0.0.1', '--port', String(port), '--chain-id', String(CHAIN_ID), '--silent'];
  // The guard shell starts anvil, reports its PID, and kills it when our end of the pipe
  // closes (this process exited for any reason, including SIGKILL) or when it is signalled.
  const guardScript = [
    '"$@" </dev/null >/dev/null 2>&1 & pid=$!',
    'echo $pid',
    'trap \'kill $pid 2>/dev/null; wait $pid; exit 0\' TERM INT HUP',
    // watcher: our stdin reaches EOF when the node process is gone (even after SIGKILL)
    'exec 3<&0',
    '{ read _ignored <&3; kill $pid 2>/dev/null; } >/dev/null &',
    // the guard itself exits when anvil exits, so an anvil crash is noticed at once
    'wait $pid',
  ].join('\n');
  anvilGuard = spawn('/bin/sh', ['-c', guardScript, 'anvil-guard', bin, ...anvilArgs], {
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  anvilGuard.on('exit', (code, signal) => {
    guardExited = true;
    if (!stopping) shutdown(1, `anvil exited unexpectedly (code ${code}, signal ${signal})`);
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    anvilGuard.stdout.on('data', (d) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0 && anvilPid === null) {
        anvilPid = Number(buf.slice(0, nl).trim());
        resolve(anvilPid);
      }
    });
    anvilGuard.on('error', reject);
  });
}

function linkLibrary(artifact, libName, libAddress) {
  let code = artifact.bytecode.slice(2);
  const addr = libAddress.slice(2).toLowerCase();
  let patched = 0;
  for (const [, libs] of Object.entries(artifact.linkReferences || {})) {
    for (const ref of libs[libName] || []) {
      code = code.slice(0, ref.start * 2) + addr + code.slice((ref.start + ref.length) * 2);
      patched++;
    }
  }
  if (patched === 0) throw new Error(`no link references for ${libName}`);
  if (/__\$[0-9a-f]{34}\$__/.test(code)) throw new Error('unlinked placeholders remain in bytecode');
  return `0x${code}`;
}

// ---------------------------------------------------------------- main
async function main() {
  const t0 = Date.now();
  const anvilPort = Number(args['anvil-port']) || await freePort();
  const rpcUrl = `http://127.0.0.1:${anvilPort}`;
  await startAnvil(anvilPort);
  vlog(`anvil pid ${anvilPid} on ${rpcUrl}`);
  await waitForRpc(rpcUrl, 30_000);
  vlog(`anvil ready after ${Date.now() - t0} ms`);

  const [deployer, payer, payTo, payer2] = [DEV_ACCOUNTS[0], DEV_ACCOUNTS[1], DEV_ACCOUNTS[2], DEV_ACCOUNTS[3]];
  // One account object (with a local nonce manager) for deployment and the facilitator,
  // so concurrent settlements never reuse a nonce.
  const account = privateKeyToAccount(deployer.key, { nonceManager });
  const client = createWalletClient({
    account,
    chain: localChain(rpcUrl),
    transport: http(rpcUrl),
    pollingInterval: 100,
  }).extend(publicActions);

  async function sendAndWait(promise, what) {
    const hash = await promise;
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`${what} failed: ${hash}`);
    return receipt;
  }

  // SignatureChecker library, then FiatTokenV2_2 with the library linked (no proxy).
  const sigChecker = loadArtifact('util/SignatureChecker.sol/SignatureChecker.json');
  const fiat = loadArtifact('v2/FiatTokenV2_2.sol/FiatTokenV2_2.json');
  const libReceipt = await sendAndWait(client.deployContract({ abi: sigChecker.abi, bytecode: sigChecker.bytecode }), 'deploy SignatureChecker');
  const libAddress = libReceipt.contractAddress;
  const tokenReceipt = await sendAndWait(
    client.deployContract({ abi: fiat.abi, bytecode: linkLibrary(fiat, 'SignatureChecker', libAddress) }),
    'deploy FiatTokenV2_2',
  );
  const token = getAddress(tokenReceipt.contractAddress);
  const write = (functionName, fnArgs) => sendAndWait(
    client.writeContract({ address: token, abi: fiat.abi, functionName, args: fnArgs }), functionName);

  const owner = deployer.address;
  await write('initialize', ['USDC', 'USDC', 'USD', 6, owner, owner, owner, owner]);
  await write('initializeV2', ['USDC']);
  await write('initializeV2_1', [owner]);
  await write('initializeV2_2', [[], 'USDC']);
  await write('configureMinter', [owner, 2n ** 255n]);
  await write('mint', [payer.address, MINT_AMOUNT]);
  await write('mint', [payer2.address, MINT_AMOUNT]);
  // More funded agents (dev accounts #5 to #9), so test scenarios can each start from a fresh payer.
  const morePayers = DEV_ACCOUNTS.slice(5);
  for (const extra of morePayers) {
    await write('mint', [extra.address, MINT_AMOUNT]);
  }
  const version = await client.readContract({ address: token, abi: fiat.abi, functionName: 'version' });
  const name = await client.readContract({ address: token, abi: fiat.abi, functionName: 'name' });
  if (version !== '2' || name !== 'USDC') throw new Error(`unexpected token domain name=${name} version=${version}`);
  vlog(`token ${token} deployed after ${Date.now() - t0} ms`);

  // The real @x402 facilitator, wired like the upstream example facilitator.
  const evmSigner = toFacilitatorEvmSigner({
    address: account.address,
    getCode: (a) => client.getCode(a),
    readContract: (a) => client.readContract({ ...a, args: a.args || [] }),
    verifyTypedData: (a) => client.verifyTypedData(a),
    writeContract: (a) => client.writeContract({ ...a, args: a.args || [] }),
    sendTransaction: (a) => client.sendTransaction(a),
    waitForTransactionReceipt: (a) => client.waitForTransactionReceipt(a),
  });
  const facilitator = new x402Facilitator();
  facilitator.register(NETWORK, new ExactEvmScheme(evmSigner));

  const stats = { verify: 0, settle: 0 };
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));

  app.post('/verify', async (req, res) => {
    stats.verify++;
    try {
      const { paymentPayload, paymentRequirements } = req.body || {};
      if (!paymentPayload || !paymentRequirements) {
        return res.status(400).json({ error: 'Missing paymentPayload or paymentRequirements' });
      }
      const response = await facilitator.verify(paymentPayload, paymentRequirements);
      vlog(`verify -> ${JSON.stringify(response)}`);
      res.json(response);
    } catch (error) {
      log(`verify error: ${error?.message || error}`);
      res.status(500).json({ error: error instanceof Error ? error.message : 'Unknown error' });
    }
  });

  app.post('/settle', async (req, res) => {
    stats.settle++;
    try {
      const { paymentPayload, paymentRequirements } = req.body || {};
      if (!paymentPayload || !paymentRequirements) {
        return res.status(400).json({ error: 'Missing paymentPayload or paymentRequirements' });
      }
      const response = await facilitator.settle(paymentPayload, paymentRequirements);
      vlog(`settle -> ${JSON.stringify(response)}`);
      res.json(response);
    } catch (error) {
      log(`settle error: ${error?.message || error}`);
      if (error instanceof Error && error.message.includes('Settlement aborted:')) {
        return res.json({
          success: false,
          errorReason: error.message.replace('Settlement aborted: ', ''),
          network: req.body?.paymentPayload?.accepted?.network || 'unknown',
          transaction: '',
        });
      }
      res.status(500).json({ error: error instanceof Error ? error.message : 'Unknown error' });
    }
  });

  app.get('/supported', (req, res) => {
    try {
      res.json(facilitator.getSupported());
    } catch (error) {
      res.status(500).json({ error: error instanceof Error ? error.message : 'Unknown error' });
    }
  });

  app.get('/stats', (req, res) => res.json({ verify: stats.verify, settle: stats.settle }));

  const facilitatorPort = await new Promise((resolve, reject) => {
    httpServer = app.listen(Number(args['facilitator-port']), '127.0.0.1', (err) => {
      if (err) reject(err); else resolve(httpServer.address().port);
    });
    httpServer.on('error', reject);
  });

  const info = {
    rpcUrl,
    chainId: CHAIN_ID,
    network: NETWORK,
    asset: token,
    assetName: 'USDC',
    assetVersion: '2',
    payTo: payTo.address,
    payerAddress: payer.address,
    payerKey: payer.key,
    payer2Address: payer2.address,
    payer2Key: payer2.key,
    morePayers: morePayers.map(({ address, key }) => ({ address, key })),
    // Dev account #4 holds no USDC: an agent that signs but cannot pay.
    unfunded: { address: DEV_ACCOUNTS[4].address, key: DEV_ACCOUNTS[4].key },
    facilitatorUrl: `http://127.0.0.1:${facilitatorPort}`,
  };
  const tmp = `${args.out}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(info, null, 2)}\n`);
  renameSync(tmp, args.out);
  vlog(`ready after ${Date.now() - t0} ms: ${JSON.stringify(info)}`);
  process.stdout.write('READY\n');
}

main().catch((e) => {
  log(`start-up failed: ${e?.stack || e}`);
  clearTimeout(lifetimeTimer);
  shutdown(1);
});
