package io.healguard.engine.decision;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;
import java.time.Instant;

/**
 * A unit's restart circuit. OPEN stops policy restarts for its cool-off; once the cool-off is over
 * the next eligible DOWN makes one probe restart and the circuit is HALF_OPEN; a stable UP closes
 * it, another DOWN reopens it with the cool-off doubled. HALF_OPEN is stored only once the probe
 * was made: "OPEN with its cool-off over" is the not-yet-probed half-open state, derived from the
 * clock, so no timer has to flip a flag.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "state")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Circuit.Closed.class, name = "CLOSED"),
  @JsonSubTypes.Type(value = Circuit.Open.class, name = "OPEN"),
  @JsonSubTypes.Type(value = Circuit.HalfOpen.class, name = "HALF_OPEN")
})
public sealed interface Circuit {
  Circuit CLOSED = new Closed();

  CircuitState state();

  record Closed() implements Circuit {
    @Override
    public CircuitState state() {
      return CircuitState.CLOSED;
    }
  }

  record Open(Instant openedAt, Duration cooloff) implements Circuit {
    @Override
    public CircuitState state() {
      return CircuitState.OPEN;
    }

    public Instant cooloffEnds() {
      return openedAt.plus(cooloff);
    }

    public boolean cooloffOver(Instant now) {
      return !now.isBefore(cooloffEnds());
    }
  }

  record HalfOpen(Instant openedAt, Duration cooloff, Instant probeAt) implements Circuit {
    @Override
    public CircuitState state() {
      return CircuitState.HALF_OPEN;
    }
  }
}
