package io.healguard.engine.drift.internal;

import io.healguard.engine.systemd.Located;
import java.util.List;

/**
 * A variable's value in a consumer's environment, where it was set ({@code origin}, null for a
 * default such as systemd's PATH), and the variables it was built from ({@code X=$APP_PYTHON}),
 * so a use of {@code $X} counts as a use of {@code APP_PYTHON}.
 */
public record Value(String text, Located origin, List<Expansion> via) {
  public Value {
    via = List.copyOf(via);
  }

  public static Value of(String text, Located origin) {
    return new Value(text, origin, List.of());
  }

  /** One {@code $NAME} in a word: its value, or null when it is not set there. */
  public record Expansion(String name, Value value) {}
}
