package io.llm402.ops.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llm402.ops.config.Llm402Properties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSecretsTest {

    @TempDir
    Path dataDir;

    @Test
    void aSingleNodeGeneratesItsSecretsOnceAndKeepsThemPrivate() throws Exception {
        ClusterSecrets first = ClusterSecrets.resolve(properties(null, null, List.of()));
        ClusterSecrets second = ClusterSecrets.resolve(properties(null, null, List.of()));

        assertThat(second).isEqualTo(first);
        assertThat(first.cryptoSecret()).isNotEqualTo(first.sessionSecret()).hasSizeGreaterThan(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dataDir.resolve(ClusterSecrets.FILE_NAME)))).isEqualTo("rw-------");
        assertThat(first.toString()).doesNotContain(first.cryptoSecret());
    }

    @Test
    void givenSecretsWinAndTheCryptoSecretDerivesFromTheSessionSecret() {
        assertThat(ClusterSecrets.resolve(properties("session-x", "crypto-y", List.of())))
                .isEqualTo(new ClusterSecrets("session-x", "crypto-y"));
        assertThat(ClusterSecrets.resolve(properties("session-x", null, List.of())).cryptoSecret())
                .isEqualTo("derived:session-x");
    }

    @Test
    void aClusterRefusesToStartWithoutSharedSecrets() {
        assertThatThrownBy(() -> ClusterSecrets.resolve(properties("session-x", null, List.of("10.0.0.1:5701"))))
                .hasMessageContaining("CRYPTO_SECRET");
    }

    private Llm402Properties properties(String session, String crypto, List<String> members) {
        return new Llm402Properties(dataDir, null, null, session, crypto, members, 5701, null);
    }
}
