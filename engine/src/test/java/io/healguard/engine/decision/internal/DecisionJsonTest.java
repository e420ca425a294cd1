package io.healguard.engine.decision.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.healguard.engine.json.Json;
import io.healguard.engine.cause.CauseClass;
import io.healguard.engine.cause.Classification;
import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.CircuitState;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.decision.Recommendation;
import io.healguard.engine.decision.UnitSnapshot;
import java.time.Instant;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The hand-written decision JSON must be what Jackson's record serializer writes for the same
 * records, byte for byte: same names, same order, {@code state} unwrapped, nulls left out.
 */
class DecisionJsonTest {
  /** Takes the hand-written serializer off, so Jackson writes the records its own way. */
  @JsonSerialize(using = JsonSerializer.None.class)
  abstract static class JacksonsOwn {}

  static final ObjectMapper JACKSON = Json.MAPPER.copy().addMixIn(Decision.class, JacksonsOwn.class);

  @Property(tries = 2000)
  void shouldWriteWhatJacksonWrites(@ForAll Random r) throws Exception {
    Decision d = decision(r);

    String ours = Json.MAPPER.writeValueAsString(d);

    assertThat(ours).isEqualTo(JACKSON.writeValueAsString(d));
    // the HTTP answer is written as UTF-8 bytes, where Jackson escapes surrogate pairs: same again
    assertThat(Json.bytes(d)).isEqualTo(JACKSON.writeValueAsBytes(d));
  }

  @Test
  void shouldReallyBeTheHandWrittenSerializer() throws Exception {
    // guards the comparison above: if the annotation were lost, both sides would be Jackson's
    assertThat(Json.MAPPER.getSerializerProviderInstance().findValueSerializer(Decision.class))
        .isInstanceOf(DecisionJson.class);
    assertThat(JACKSON.getSerializerProviderInstance().findValueSerializer(Decision.class))
        .isNotInstanceOf(DecisionJson.class);
  }

  private static Decision decision(Random r) {
    UnitSnapshot state = r.nextInt(10) == 0 ? null : new UnitSnapshot(
        pick(r, CircuitState.values()), instant(r), instant(r), instant(r),
        r.nextInt(100), r.nextInt(100), text(r), r.nextBoolean(), instant(r),
        r.nextInt(8), instant(r), r.nextInt(1000), r.nextInt(1000), instant(r), r.nextInt(5));
    Recommendation rec = r.nextInt(5) == 0 ? null : new Recommendation(text(r), text(r), text(r));
    Classification cause = r.nextInt(3) == 0 ? null
        : new Classification(CauseClass.values()[r.nextInt(CauseClass.values().length)], text(r), text(r), text(r));
    return new Decision(text(r), instant(r), text(r), text(r), pick(r, Action.values()), text(r), text(r), text(r),
        rec, state, cause);
  }

  private static <T> T pick(Random r, T[] values) {
    return r.nextInt(6) == 0 ? null : values[r.nextInt(values.length)];
  }

  private static Instant instant(Random r) {
    if (r.nextInt(4) == 0) return null;
    long seconds = r.nextInt(3) == 0 ? r.nextLong(-50_000_000_000L, 300_000_000_000L) : r.nextLong(1_700_000_000L, 1_900_000_000L);
    int nanos = switch (r.nextInt(3)) {
      case 0 -> 0;
      case 1 -> r.nextInt(1000) * 1_000_000;
      default -> r.nextInt(1_000_000_000);
    };
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** Strings that need escaping as often as plain ones: quotes, controls, non-ASCII, surrogates. */
  private static String text(Random r) {
    if (r.nextInt(6) == 0) return null;
    String alphabet = "abcXYZ09-._:@ \"\\/\n\t\u0001\u007f\u00e9\u4e2d\ud83d\ude00";
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(20);
    for (int i = 0; i < n; i++) {
      int at = r.nextInt(alphabet.length());
      char c = alphabet.charAt(at);
      if (Character.isHighSurrogate(c)) {
        b.append(c).append(alphabet.charAt(at + 1));
      } else if (!Character.isLowSurrogate(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }
}
