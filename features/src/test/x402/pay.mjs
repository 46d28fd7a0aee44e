#!/usr/bin/env node
// Pays a URL with the real @x402/fetch 2.27.0 client (scheme exact, EVM, EIP-3009).
//
//   node pay.mjs --stack <file.json> --url <url> [--method POST] [--body '<json text>']
//                [--header 'name: value']... [--key payer|payer2|0x<hex key>] [--replay]
//                [--timeout-seconds 300]
//
// Prints one JSON line:
//   {"status":n,"body":"<text>","headers":{...},"paymentResponse":<decoded PAYMENT-RESPONSE|null>,
//    "paymentRequired":<decoded PAYMENT-REQUIRED of the final response|null>,
//    "signature":"<PAYMENT-SIGNATURE value sent|null>","replay":{status,body,headers,paymentResponse,paymentRequired}}
// "replay" is present only with --replay (null if no payment was sent). Exit code 0 whatever the
// HTTP status; non-zero only when something crashed (bad arguments, client refused to pay, network error).
import { parseArgs } from 'node:util';
import { privateKeyToAccount } from 'viem/accounts';
import { wrapFetchWithPayment, x402Client, decodePaymentResponseHeader } from '@x402/fetch';
import { decodePaymentRequiredHeader } from '@x402/core/http';
import { registerExactEvmScheme } from '@x402/evm/exact/client';
import { readStack, die } from './common.mjs';

const { values: args } = parseArgs({
  options: {
    stack: { type: 'string' },
    url: { type: 'string' },
    method: { type: 'string' },
    body: { type: 'string' },
    header: { type: 'string', multiple: true, default: [] },
    key: { type: 'string', default: 'payer' },
    replay: { type: 'boolean', default: false },
    'timeout-seconds': { type: 'string', default: '300' },
  },
  strict: true,
});
if (!args.stack || !args.url) die('usage: node pay.mjs --stack <file.json> --url <url> [--method POST] [--body json] [--header "n: v"]... [--key payer|payer2] [--replay]');
const stack = readStack(args.stack);

let privateKey;
if (args.key === 'payer') privateKey = stack.payerKey;
else if (args.key === 'payer2') privateKey = stack.payer2Key;
else if (/^0x[0-9a-fA-F]{64}$/.test(args.key)) privateKey = args.key;
else die(`--key must be payer, payer2 or a 0x private key, got ${args.key}`);
const account = privateKeyToAccount(privateKey);

// x402 client: exact EVM scheme for eip155:* (v2), plus spend controls that allow the local
// test token. By default 2.27 only pays known default assets (USDC on Base etc.) and at most $1.
const client = new x402Client();
registerExactEvmScheme(client, { signer: account });
client.setSpendControls({
  allowedAssets: [{ network: stack.network, asset: stack.asset, maxAmountPerPayment: '100000000' }], // 100 USDC
  maxAmountPerPayment: '$100', // cap for recognised default assets
});

// Inner fetch that records the PAYMENT-SIGNATURE header the wrapper sends.
let sentSignature = null;
const recordingFetch = async (input, init) => {
  const request = input instanceof Request ? input : new Request(input, init);
  const sig = request.headers.get('payment-signature');
  if (sig) sentSignature = sig;
  return fetch(request);
};
const payingFetch = wrapFetchWithPayment(recordingFetch, client);

const headers = new Headers();
for (const h of args.header) {
  const i = h.indexOf(':');
  if (i <= 0) die(`bad --header (want "name: value"): ${h}`);
  headers.append(h.slice(0, i).trim(), h.slice(i + 1).trim());
}
if (args.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
const method = (args.method || (args.body !== undefined ? 'POST' : 'GET')).toUpperCase();
const timeoutMs = Number(args['timeout-seconds']) * 1000;

function requestInit(extraHeaders = {}) {
  const h = new Headers(headers);
  for (const [k, v] of Object.entries(extraHeaders)) h.set(k, v);
  const init = { method, headers: h, signal: AbortSignal.timeout(timeoutMs) };
  if (args.body !== undefined) init.body = args.body;
  return init;
}

function decodeHeader(value, decoder) {
  if (value == null) return null;
  try {
    return decoder(value);
  } catch (e) {
    return { decodeError: String(e?.message || e), raw: value };
  }
}

async function describe(response) {
  const body = await response.text(); // whole body, also for SSE streams
  const hdrs = {};
  response.headers.forEach((v, k) => { hdrs[k] = v; });
  const pr = response.headers.get('payment-response') ?? response.headers.get('x-payment-response');
  return {
    status: response.status,
    body,
    headers: hdrs,
    paymentResponse: decodeHeader(pr, decodePaymentResponseHeader),
    paymentRequired: decodeHeader(response.headers.get('payment-required'), decodePaymentRequiredHeader),
  };
}

try {
  const first = await payingFetch(args.url, requestInit());
  const result = await describe(first);
  result.signature = sentSignature;
  if (args.replay) {
    result.replay = sentSignature == null
      ? null
      : await describe(await fetch(args.url, requestInit({ 'PAYMENT-SIGNATURE': sentSignature })));
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
} catch (e) {
  process.stderr.write(`pay.mjs failed: ${e?.stack || e}\n`);
  process.exit(1);
}
