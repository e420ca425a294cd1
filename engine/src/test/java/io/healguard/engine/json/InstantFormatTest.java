package io.healguard.engine.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The hand-written Instant text must be the JDK's, character for character. */
class InstantFormatTest {

  @Property(tries = 5000)
  void shouldWriteWhatInstantToStringWrites(@ForAll("instants") Instant t) throws Exception {
    assertThat(InstantFormat.toString(t)).isEqualTo(t.toString());
    assertThat(Json.MAPPER.writeValueAsString(Map.of("t", t))).isEqualTo("{\"t\":\"" + t + "\"}");
    assertThat(Json.MAPPER.readValue("\"" + InstantFormat.toString(t) + "\"", Instant.class)).isEqualTo(t);
  }

  @Provide
  Arbitrary<Instant> instants() {
    // whole seconds, milli-, micro- and nanosecond fractions, across and beyond 1970-9999
    Arbitrary<Long> seconds = Arbitraries.longs().between(-100_000_000_000L, 300_000_000_000L)
        .edgeCases(c -> c.add(0L, 253_402_300_799L, 253_402_300_800L, -1L, 1_795_000_000L));
    Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0),
        Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
        Arbitraries.integers().between(0, 999_999).map(us -> us * 1_000),
        Arbitraries.integers().between(0, 999_999_999));
    return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
  }

  @Test
  void shouldWriteAKnownInstant() {
    assertThat(InstantFormat.toString(Instant.parse("2026-11-28T00:03:37.454690930Z")))
        .isEqualTo("2026-11-28T00:03:37.454690930Z");
    assertThat(InstantFormat.toString(Instant.parse("2026-03-01T12:00:00Z"))).isEqualTo("2026-03-01T12:00:00Z");
  }
}
