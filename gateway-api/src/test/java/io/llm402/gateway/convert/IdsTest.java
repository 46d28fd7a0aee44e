package io.llm402.gateway.convert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void randomIdsAreThePrefixAndTheAskedNumberOfHexDigits() {
        Ids ids = Ids.random();
        assertThat(ids.next("chatcmpl-", 32)).matches("chatcmpl-[0-9a-f]{32}");
        assertThat(ids.next("call_", 24)).matches("call_[0-9a-f]{24}");
        assertThat(ids.next("msg_", 32)).isNotEqualTo(ids.next("msg_", 32));
    }

    @Test
    void fixedIdsCountPerPrefix() {
        Ids ids = Fixed.ids();
        assertThat(ids.next("call_", 24)).isEqualTo("call_1");
        assertThat(ids.next("msg_", 32)).isEqualTo("msg_1");
        assertThat(ids.next("call_", 24)).isEqualTo("call_2");
        assertThat(Fixed.ids().next("call_", 24)).isEqualTo("call_1");
    }
}
