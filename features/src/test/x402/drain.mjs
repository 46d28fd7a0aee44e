#!/usr/bin/env node
// node drain.mjs --stack <file.json> --key <0x private key> --to <0x..>  ->  {"moved":"<atomic units>"}
// Moves the key's whole USDC balance to another address: an agent that empties its wallet after its payment was
// verified, so the settlement fails.
import { parseArgs } from 'node:util';
import { createWalletClient, http, getAddress, publicActions } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { readStack, localChain, ERC20_BALANCE_ABI, die } from './common.mjs';

const TRANSFER_ABI = [{
  type: 'function', name: 'transfer', stateMutability: 'nonpayable',
  inputs: [{ name: 'to', type: 'address' }, { name: 'value', type: 'uint256' }], outputs: [{ type: 'bool' }],
}];

const { values: args } = parseArgs({
  options: { stack: { type: 'string' }, key: { type: 'string' }, to: { type: 'string' } },
  strict: true,
});
if (!args.stack || !args.key || !args.to) die('usage: node drain.mjs --stack <file.json> --key <0x..> --to <0x..>');
const stack = readStack(args.stack);
const account = privateKeyToAccount(args.key);
const client = createWalletClient({ account, chain: localChain(stack.rpcUrl), transport: http(stack.rpcUrl) })
  .extend(publicActions);
const balance = await client.readContract({
  address: stack.asset, abi: ERC20_BALANCE_ABI, functionName: 'balanceOf', args: [account.address],
});
if (balance > 0n) {
  const hash = await client.writeContract({
    address: stack.asset, abi: TRANSFER_ABI, functionName: 'transfer', args: [getAddress(args.to), balance],
  });
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') die(`transfer failed: ${hash}`);
}
process.stdout.write(`${JSON.stringify({ moved: balance.toString() })}\n`);
