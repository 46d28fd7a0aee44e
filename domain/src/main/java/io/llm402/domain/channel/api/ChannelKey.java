package io.llm402.domain.channel.api;

import io.llm402.domain.shared.SecretBox;

/**
 * One upstream key of a channel, recorded only sealed.
 *
 * @param fingerprint keyed fingerprint of the plain key: identifies the key without revealing it
 * @param sealedKey   the key sealed with {@code CRYPTO_SECRET}
 */
public record ChannelKey(String fingerprint, String sealedKey) {

    /** A plain upstream key, sealed and fingerprinted; the plain key is not kept. */
    public static ChannelKey sealed(String key, SecretBox secretBox) {
        return new ChannelKey(secretBox.fingerprint(key), secretBox.seal(key));
    }

    @Override
    public String toString() {
        return "ChannelKey[" + fingerprint.substring(0, Math.min(8, fingerprint.length())) + "…]";
    }
}
