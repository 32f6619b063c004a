package io.pgha.runtime.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublishedAddressTest {

    @ParameterizedTest(name = "{0}, expose asked: {1} -> allowed: {2}")
    @CsvSource({
        "127.0.0.1,        false, true",
        "127.0.0.2,        false, true",
        "127.255.255.254,  false, true",
        "::1,              false, true",
        "0:0:0:0:0:0:0:1,  false, true",
        "::ffff:127.0.0.1, false, true",
        "0.0.0.0,          false, false",
        "::,               false, false",
        "192.168.1.20,     false, false",
        "10.0.0.5,         false, false",
        "fe80::1,          false, false",
        "::ffff:10.0.0.1,  false, false",
        "128.0.0.1,        false, false",
        "0.0.0.0,          true,  true",
        "192.168.1.20,     true,  true",
        "::,               true,  true",
        "127.0.0.1,        true,  true",
    })
    void onlyLoopbackIsAllowedWithoutAnExplicitAsk(String address, boolean expose, boolean allowed) {
        assertThat(PublishedAddress.refusal(address, expose, "add --expose").isEmpty())
                .isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource({"localhost", "example.org", "1:2", "''"})
    void whatIsNotAnIpLiteralIsNotLoopback(String address) {
        assertThat(PublishedAddress.isLoopback(address)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void theRefusalSaysWhatToDoAndTheAskChangesNothingElse() {
        StackSpec open = StackSpec.builder().bindAddress("0.0.0.0").build();
        assertThatThrownBy(() -> PublishedAddress.check(open, false, "add --expose"))
                .isInstanceOf(PghaException.class)
                .hasMessageContaining("bind address 0.0.0.0 is not this machine's loopback")
                .hasMessageContaining("Use 127.0.0.1 (the default), or add --expose")
                .satisfies(e -> assertThat(((PghaException) e).kind()).isEqualTo(PghaException.Kind.REFUSED));
        StackSpec before = open.toBuilder().build();
        PublishedAddress.check(open, true, "add --expose");
        assertThat(open)
                .as("permitting the address changes nothing in the spec")
                .isEqualTo(before);
        PublishedAddress.check(StackSpec.defaults(), false, "add --expose");
    }
}
