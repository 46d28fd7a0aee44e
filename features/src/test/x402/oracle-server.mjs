#!/usr/bin/env node
// Reference ("oracle") resource server: the real @x402/express 2.27.0 paymentMiddleware
// protecting POST /v1/chat/completions, priced in the stack's local USDC on eip155:31337 and
// pointed at the stack's facilitator. It documents what the reference SDK does on the wire so
// the Java gateway can be compared with it, and it lets the Node scripts be validated without Java.
//
//   node oracle-server.mjs --stack <file.json> [--port 0] [--amount 10000]
//                          [--max-timeout-seconds 300] [--lifetime-seconds 900]
//
// Prints one line "READY http://127.0.0.1:<port>" to stdout. Stops by itself like stack.mjs.
// Handler behaviour (fake LLM):  {"stream":true} -> SSE chunks + [DONE] (buffered by the
// middleware);  {"model":"fail"} -> 500, which makes the middleware skip settlement.
import { fstatSync } from 'node:fs';
import { parseArgs } from 'node:util';
import express from 'express';
import { paymentMiddleware, x402ResourceServer } from '@x402/express';
import { HTTPFacilitatorClient } from '@x402/core/server';
import { ExactEvmScheme } from '@x402/evm/exact/server';
import { readStack, die } from './common.mjs';

const { values: args } = parseArgs({
  options: {
    stack: { type: 'string' },
    port: { type: 'string', default: '0' },
    amount: { type: 'string', default: '10000' },
    'max-timeout-seconds': { type: 'string', default: '300' },
    'lifetime-seconds': { type: 'string', default: '900' },
    'stdin-watch': { type: 'string', default: 'auto' },
  },
  strict: true,
});
if (!args.stack) die('usage: node oracle-server.mjs --stack <file.json> [--port 0] [--amount 10000]');
const stack = readStack(args.stack);

let server = null;
function shutdown(code) {
  if (server) { server.closeAllConnections?.(); server.close(); }
  setTimeout(() => process.exit(code), 50).unref();
}
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, () => shutdown(0));
setTimeout(() => shutdown(0), Number(args['lifetime-seconds']) * 1000).unref();
const stdinIsPipe = (() => { try { const s = fstatSync(0); return s.isFIFO() || s.isSocket(); } catch { return false; } })();
if (args['stdin-watch'] === 'on' || (args['stdin-watch'] === 'auto' && stdinIsPipe)) {
  process.stdin.on('data', () => {});
  process.stdin.on('end', () => shutdown(0));
  process.stdin.resume();
}

const resourceServer = new x402ResourceServer(new HTTPFacilitatorClient({ url: stack.facilitatorUrl }))
  .register(stack.network, new ExactEvmScheme());

const routes = {
  'POST /v1/chat/completions': {
    accepts: {
      scheme: 'exact',
      network: stack.network,
      payTo: stack.payTo,
      price: { amount: args.amount, asset: stack.asset, extra: { name: stack.assetName, version: stack.assetVersion } },
      maxTimeoutSeconds: Number(args['max-timeout-seconds']),
    },
    description: 'Chat completion (oracle)',
    mimeType: 'application/json',
  },
};

const app = express();
app.disable('x-powered-by');
app.use(express.json());
app.use(paymentMiddleware(routes, resourceServer));

app.post('/v1/chat/completions', (req, res) => {
  const body = req.body || {};
  if (body.model === 'fail') {
    return res.status(500).json({ error: { message: 'upstream failed (oracle test switch)', type: 'server_error' } });
  }
  const created = Math.floor(Date.now() / 1000);
  if (body.stream === true) {
    res.setHeader('content-type', 'text/event-stream');
    res.setHeader('cache-control', 'no-cache');
    for (const piece of ['Hello', ' from', ' the oracle']) {
      res.write(`data: ${JSON.stringify({ id: 'chatcmpl-oracle', object: 'chat.completion.chunk', created, model: body.model || 'oracle', choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] })}\n\n`);
    }
    res.write('data: [DONE]\n\n');
    return res.end();
  }
  res.json({
    id: 'chatcmpl-oracle',
    object: 'chat.completion',
    created,
    model: body.model || 'oracle',
    choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from the oracle' }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 4, total_tokens: 5 },
  });
});

server = app.listen(Number(args.port), '127.0.0.1', (err) => {
  if (err) { process.stderr.write(`listen failed: ${err}\n`); process.exit(1); }
  process.stdout.write(`READY http://127.0.0.1:${server.address().port}\n`);
});
