package io.llm402.gateway.x402;

import java.util.regex.Pattern;

/** CAIP-2 network identifiers; only EVM ({@code eip155:<chainId>}) is supported. */
public final class Networks {

    private static final String EIP155 = "eip155:";
    private static final Pattern CHAIN_ID = Pattern.compile("[1-9][0-9]{0,17}");

    private Networks() {
    }

    /** The EVM chain ID of {@code eip155:<n>}; anything else is {@code invalid_network}. */
    public static long chainId(String caip2) throws X402Exception {
        if (caip2.startsWith(EIP155)) {
            String id = caip2.substring(EIP155.length());
            if (CHAIN_ID.matcher(id).matches()) {
                return Long.parseLong(id);
            }
        }
        throw new X402Exception(Reasons.INVALID_NETWORK, "not an EVM CAIP-2 network: " + caip2);
    }
}
