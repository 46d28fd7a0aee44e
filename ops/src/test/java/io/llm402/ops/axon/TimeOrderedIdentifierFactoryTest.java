package io.llm402.ops.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

class TimeOrderedIdentifierFactoryTest {

    @Test
    void axonFindsTheFactoryAndItsIdentifiersAreOrderedUuids() {
        IdentifierFactory factory = IdentifierFactory.getInstance();
        assertThat(factory).isInstanceOf(TimeOrderedIdentifierFactory.class);
        List<String> identifiers = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            identifiers.add(factory.generateIdentifier());
        }
        assertThat(identifiers).isSorted().doesNotHaveDuplicates();
        assertThat(UUID.fromString(identifiers.getFirst()).version()).isEqualTo(7);
    }
}
