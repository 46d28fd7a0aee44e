#!/usr/bin/env node
// Generates the deterministic EIP-3009 / x402 v2 test vectors for the Java unit tests:
//   node vectors.mjs [--out <file>] [--no-check]
// Default output: ../../../../gateway-api/src/test/resources/x402/eip3009-vectors.json
//
// Everything is fixed (keys = anvil dev accounts, nonces, times), and ECDSA signatures are
// deterministic (RFC 6979), so re-running produces a byte-identical file.
//
// After writing, the file is cross-checked offline against the real @x402/evm 2.27.0
// facilitator verification (clock pinned to "now", chain access stubbed): each case's
// facilitator invalidReason is printed next to the expected one. Cases that only a resource
// server (not the facilitator) or our stricter Java checks reject are marked as such.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { getAddress, hashTypedData, recoverAddress, hexToBigInt, numberToHex, size } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { HERE, DEV_ACCOUNTS } from './common.mjs';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: resolve(HERE, '../../../../gateway-api/src/test/resources/x402/eip3009-vectors.json') },
    'no-check': { type: 'boolean', default: false },
  },
  strict: true,
});

const NOW = 1780000000;
const ASSET = '0x036CbD53842c5426634e7929541eC2318f3dCF7e'; // USDC on Base Sepolia
const DOMAIN = { name: 'USDC', version: '2', chainId: 84532, verifyingContract: ASSET };
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

const payer = privateKeyToAccount(DEV_ACCOUNTS[1].key);
const payTo = DEV_ACCOUNTS[2].address;
const payer2 = privateKeyToAccount(DEV_ACCOUNTS[3].key);
const other = DEV_ACCOUNTS[4].address;

const REQUIREMENTS = {
  scheme: 'exact',
  network: 'eip155:84532',
  amount: '10000',
  asset: ASSET,
  payTo,
  maxTimeoutSeconds: 300,
  extra: { name: 'USDC', version: '2' },
};
const RESOURCE = {
  url: 'http://localhost:8080/v1/chat/completions',
  description: 'Chat completion',
  mimeType: 'application/json',
};

const TYPES = {
  TransferWithAuthorization: [
    { name: 'from', type: 'address' },
    { name: 'to', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'validAfter', type: 'uint256' },
    { name: 'validBefore', type: 'uint256' },
    { name: 'nonce', type: 'bytes32' },
  ],
};

const nonceOf = (byteHex) => `0x${byteHex.repeat(32)}`; // e.g. "11" -> 0x1111...11 (32 bytes)

function typedData(domain, auth) {
  return {
    domain,
    types: TYPES,
    primaryType: 'TransferWithAuthorization',
    message: {
      from: auth.from,
      to: auth.to,
      value: BigInt(auth.value),
      validAfter: BigInt(auth.validAfter),
      validBefore: BigInt(auth.validBefore),
      nonce: auth.nonce,
    },
  };
}

function auth(overrides = {}) {
  return {
    from: payer.address,
    to: payTo,
    value: '10000',
    validAfter: '0',
    validBefore: String(NOW + 300),
    nonce: nonceOf('11'),
    ...overrides,
  };
}

const sign = (account, domain, a) => account.signTypedData(typedData(domain, a));
const serverDigest = (a) => hashTypedData(typedData(DOMAIN, a));

function payload(authorization, signature, { x402Version = 2, accepted = REQUIREMENTS } = {}) {
  return {
    x402Version,
    resource: { ...RESOURCE },
    accepted: structuredClone(accepted),
    payload: { signature, authorization },
  };
}

async function build() {
  const cases = [];
  const add = (name, pl, signer, expectedReason) => cases.push({
    name,
    payload: pl,
    digest: serverDigest(pl.payload.authorization),
    signer: signer ? getAddress(signer) : null,
    expectedReason,
  });

  // valid
  const validAuth = auth();
  const validSig = await sign(payer, DOMAIN, validAuth);
  add('valid', payload(validAuth, validSig), payer.address, null);

  // valid_second_payer
  {
    const a = auth({ from: payer2.address, nonce: nonceOf('12') });
    add('valid_second_payer', payload(a, await sign(payer2, DOMAIN, a)), payer2.address, null);
  }
  // wrong_domain_name / wrong_chain / wrong_version: signed with another EIP-712 domain
  {
    const a = auth({ nonce: nonceOf('13') });
    add('wrong_domain_name', payload(a, await sign(payer, { ...DOMAIN, name: 'USD Coin' }, a)), payer.address, 'invalid_exact_evm_signature');
  }
  {
    const a = auth({ nonce: nonceOf('14') });
    add('wrong_chain', payload(a, await sign(payer, { ...DOMAIN, chainId: 8453 }, a)), payer.address, 'invalid_exact_evm_signature');
  }
  {
    const a = auth({ nonce: nonceOf('15') });
    add('wrong_version', payload(a, await sign(payer, { ...DOMAIN, version: '1' }, a)), payer.address, 'invalid_exact_evm_signature');
  }
  // signer_is_not_from: account #3 signs an authorization whose from is account #1
  {
    const a = auth({ nonce: nonceOf('16') });
    add('signer_is_not_from', payload(a, await sign(payer2, DOMAIN, a)), payer2.address, 'invalid_exact_evm_signature');
  }
  // wrong_pay_to: correctly signed, but to = account #4
  {
    const a = auth({ to: other, nonce: nonceOf('17') });
    add('wrong_pay_to', payload(a, await sign(payer, DOMAIN, a)), payer.address, 'invalid_exact_evm_recipient_mismatch');
  }
  // value_plus_one / value_minus_one
  {
    const a = auth({ value: '10001', nonce: nonceOf('18') });
    add('value_plus_one', payload(a, await sign(payer, DOMAIN, a)), payer.address, 'invalid_exact_evm_payload_authorization_value_mismatch');
  }
  {
    const a = auth({ value: '9999', nonce: nonceOf('19') });
    add('value_minus_one', payload(a, await sign(payer, DOMAIN, a)), payer.address, 'invalid_exact_evm_payload_authorization_value_mismatch');
  }
  // expired: validBefore = now + 3 (inside the 6 s safety buffer)
  {
    const a = auth({ validBefore: String(NOW + 3), nonce: nonceOf('1a') });
    add('expired', payload(a, await sign(payer, DOMAIN, a)), payer.address, 'invalid_exact_evm_payload_authorization_valid_before');
  }
  // too_long_lived: validBefore = now + 300 + 3600
  {
    const a = auth({ validBefore: String(NOW + 300 + 3600), nonce: nonceOf('1b') });
    add('too_long_lived', payload(a, await sign(payer, DOMAIN, a)), payer.address, 'invalid_exact_evm_payload_authorization_valid_before');
  }
  // not_yet_valid: validAfter = now + 60
  {
    const a = auth({ validAfter: String(NOW + 60), nonce: nonceOf('1c') });
    add('not_yet_valid', payload(a, await sign(payer, DOMAIN, a)), payer.address, 'invalid_exact_evm_payload_authorization_valid_after');
  }
  // high_s: the valid signature with s -> n - s and v flipped (same authorization as "valid")
  {
    const r = validSig.slice(2, 66);
    const s = hexToBigInt(`0x${validSig.slice(66, 130)}`);
    const v = parseInt(validSig.slice(130, 132), 16);
    const highS = numberToHex(SECP256K1_N - s, { size: 32 }).slice(2);
    const flippedV = (v === 27 ? 28 : 27).toString(16);
    add('high_s', payload(auth(), `0x${r}${highS}${flippedV}`), payer.address, 'invalid_exact_evm_signature');
  }
  // bad_length: a correct signature truncated to 64 bytes (r || s, v dropped)
  {
    const a = auth({ nonce: nonceOf('1d') });
    const sig = await sign(payer, DOMAIN, a);
    add('bad_length', payload(a, sig.slice(0, 2 + 128)), null, 'invalid_exact_evm_failed_to_parse_signature');
  }
  // tampered_nonce: the signature of "valid", but the nonce changed afterwards
  add('tampered_nonce', payload(auth({ nonce: nonceOf('1e') }), validSig), payer.address, 'invalid_exact_evm_signature');
  // accepted_differs: correctly signed for to = #4, and accepted.payTo = #4 (not what the server offers)
  {
    const a = auth({ to: other, nonce: nonceOf('1f') });
    add('accepted_differs', payload(a, await sign(payer, DOMAIN, a), { accepted: { ...REQUIREMENTS, payTo: other } }), payer.address, 'invalid_payment_requirements');
  }
  // wrong_version_number: x402Version 1, otherwise valid
  {
    const a = auth({ nonce: nonceOf('20') });
    add('wrong_version_number', payload(a, await sign(payer, DOMAIN, a), { x402Version: 1 }), payer.address, 'invalid_x402_version');
  }

  // Sanity checks on what we produced.
  for (const c of cases) {
    const sig = c.payload.payload.signature;
    if (c.name === 'bad_length') {
      if (size(sig) !== 64) throw new Error('bad_length must be 64 bytes');
      continue;
    }
    if (size(sig) !== 65) throw new Error(`${c.name}: signature must be 65 bytes`);
    const recovered = await recoverAddress({ hash: c.digest, signature: sig });
    const shouldMatch = c.expectedReason === null || ['wrong_pay_to', 'value_plus_one', 'value_minus_one', 'expired',
      'too_long_lived', 'not_yet_valid', 'accepted_differs', 'wrong_version_number', 'high_s'].includes(c.name);
    const matchesFrom = getAddress(recovered) === getAddress(c.payload.payload.authorization.from);
    if (shouldMatch !== matchesFrom) throw new Error(`${c.name}: recovery from the server digest gave ${recovered}`);
  }

  return {
    now: NOW,
    domain: DOMAIN,
    requirements: REQUIREMENTS,
    cases,
  };
}

// Offline cross-check against the real @x402/evm 2.27.0 facilitator verify (EIP-3009 path).
async function crossCheck(vectors) {
  const { ExactEvmScheme } = await import('@x402/evm/exact/facilitator');
  const { verifyTypedData } = await import('viem');
  const signer = {
    getAddresses: () => [DEV_ACCOUNTS[0].address],
    getCode: async ({ address }) => (getAddress(address) === getAddress(ASSET) ? '0x6080' : '0x'),
    readContract: async () => undefined, // simulation stub: "transfer would succeed"
    verifyTypedData: (a) => verifyTypedData(a),
    writeContract: async () => { throw new Error('offline'); },
    sendTransaction: async () => { throw new Error('offline'); },
    waitForTransactionReceipt: async () => { throw new Error('offline'); },
  };
  const scheme = new ExactEvmScheme(signer);
  const realNow = Date.now;
  Date.now = () => vectors.now * 1000;
  // Known, intended differences: LLM402 rejects these earlier or more specifically than the
  // SDK facilitator's off-chain verify does.
  const knownDifferences = {
    accepted_differs: 'resource-server check (accepted must equal the offered requirement)',
    wrong_version_number: 'resource-server / facilitator-router check (x402Version)',
    too_long_lived: 'LLM402-specific check (validBefore - now > maxTimeoutSeconds + skew)',
    high_s: 'SDK off-chain recovery accepts high-s; FiatToken ECRecover rejects it on-chain (simulation fails)',
    bad_length: 'SDK verify reports the generic signature code for a non-65-byte EOA signature',
  };
  let mismatches = 0;
  try {
    for (const c of vectors.cases) {
      let got;
      try {
        const r = await scheme.verify(c.payload, vectors.requirements);
        got = r.isValid ? null : r.invalidReason;
      } catch (e) {
        got = `threw: ${e.message}`;
      }
      const note = knownDifferences[c.name];
      const same = got === c.expectedReason;
      if (!same && !note) mismatches++;
      process.stderr.write(`${same ? 'same' : (note ? 'n/a ' : 'DIFF')}  ${c.name.padEnd(22)} expected=${c.expectedReason} sdk=${got}${!same && note ? `  (${note})` : ''}\n`);
    }
  } finally {
    Date.now = realNow;
  }
  return mismatches;
}

const vectors = await build();
mkdirSync(dirname(args.out), { recursive: true });
writeFileSync(args.out, `${JSON.stringify(vectors, null, 2)}\n`);
process.stderr.write(`wrote ${vectors.cases.length} cases to ${args.out}\n`);
if (!args['no-check']) {
  const diffs = await crossCheck(vectors);
  process.stderr.write(`cross-check against @x402/evm 2.27.0 facilitator: ${diffs} unexplained difference(s)\n`);
}
