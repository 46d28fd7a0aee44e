#!/usr/bin/env node
// node balance.mjs --stack <file.json> --address <0x..>  ->  {"balance":"<atomic units>"}
import { parseArgs } from 'node:util';
import { createPublicClient, http, getAddress } from 'viem';
import { readStack, localChain, ERC20_BALANCE_ABI, die } from './common.mjs';

const { values: args } = parseArgs({
  options: { stack: { type: 'string' }, address: { type: 'string' } },
  strict: true,
});
if (!args.stack || !args.address) die('usage: node balance.mjs --stack <file.json> --address <0x..>');
const stack = readStack(args.stack);
const client = createPublicClient({ chain: localChain(stack.rpcUrl), transport: http(stack.rpcUrl) });
const balance = await client.readContract({
  address: stack.asset,
  abi: ERC20_BALANCE_ABI,
  functionName: 'balanceOf',
  args: [getAddress(args.address)],
});
process.stdout.write(`${JSON.stringify({ balance: balance.toString() })}\n`);
