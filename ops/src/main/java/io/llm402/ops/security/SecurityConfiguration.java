package io.llm402.ops.security;

import io.llm402.domain.account.api.PasswordHasher;
import io.llm402.domain.shared.SecretBox;
import io.llm402.ops.config.Llm402Properties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    ClusterSecrets clusterSecrets(Llm402Properties properties) {
        return ClusterSecrets.resolve(properties);
    }

    @Bean
    SecretBox secretBox(ClusterSecrets secrets) {
        return new SecretBox(secrets.cryptoSecret());
    }

    /** BCrypt (Spring Security's), cost 10: about 50–100 ms per check here, only at login and at start. */
    @Bean
    PasswordHasher passwordHasher() {
        BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(10);
        return new PasswordHasher() {
            @Override
            public String hash(String rawPassword) {
                return encoder.encode(rawPassword);
            }

            @Override
            public boolean matches(String rawPassword, String hash) {
                return encoder.matches(rawPassword, hash);
            }
        };
    }
}
