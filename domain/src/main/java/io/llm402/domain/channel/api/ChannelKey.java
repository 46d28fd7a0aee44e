package io.llm402.domain.channel.api;

/**
 * One upstream key of a channel, recorded only sealed.
 *
 * @param fingerprint keyed fingerprint of the plain key: identifies the key without revealing it
 * @param sealedKey   the key sealed with {@code CRYPTO_SECRET}
 */
public record ChannelKey(String fingerprint, String sealedKey) {

    @Override
    public String toString() {
        return "ChannelKey[" + fingerprint.substring(0, Math.min(8, fingerprint.length())) + "…]";
    }
}
