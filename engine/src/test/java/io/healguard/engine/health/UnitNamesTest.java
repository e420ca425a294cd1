package io.healguard.engine.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healguard.engine.InvalidInputException;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The unit name check against the rule it implements, written as the regex of systemd.unit(5). */
class UnitNamesTest {
  private static final Pattern RULE = Pattern.compile("[A-Za-z0-9:_.\\\\@-]{1,255}");

  @Property(tries = 3000)
  void shouldAcceptExactlyTheNamesTheRuleAllows(@ForAll("names") String name) {
    int dot = name.lastIndexOf('.');
    int at = name.indexOf('@');
    // systemd.unit(5): prefix[@instance].suffix, one @ at most, a template (no instance) is not a unit
    boolean instanceRule = at < 0 || (at > 0 && name.indexOf('@', at + 1) < 0 && at + 1 < dot);
    boolean allowed = RULE.matcher(name).matches()
        && dot > 0 && UnitNames.SUFFIXES.contains(name.substring(dot + 1)) && instanceRule;

    if (allowed) {
      assertThat(UnitNames.require("unit", name)).isEqualTo(name);
    } else {
      assertThatThrownBy(() -> UnitNames.require("unit", name))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("unit");
    }
  }

  @Provide
  Arbitrary<String> names() {
    // mostly allowed characters, some that are not (space, slash, non-ASCII), and known suffixes
    Arbitrary<String> stem = Arbitraries.strings()
        .withChars("abcXYZ019:_.\\@-").withChars(" /é$\n").ofMinLength(0).ofMaxLength(40);
    Arbitrary<String> suffix = Arbitraries.of(".service", ".timer", ".socket", ".bogus", "", ".");
    return net.jqwik.api.Combinators.combine(stem, suffix).as(String::concat);
  }

  @Property(tries = 50)
  void shouldRejectNamesOverTheLengthLimit(@ForAll("lengths") int length) {
    String name = "a".repeat(length - ".service".length()) + ".service";

    if (length <= 255) {
      assertThat(UnitNames.require("unit", name)).isEqualTo(name);
    } else {
      assertThatThrownBy(() -> UnitNames.require("unit", name)).hasMessageContaining("255");
    }
  }

  @org.junit.jupiter.api.Test
  void shouldRejectATemplateWithoutAnInstance() {
    assertThatThrownBy(() -> UnitNames.require("unit", "foo@.service")).hasMessageContaining("template needs an instance");
  }

  @org.junit.jupiter.api.Test
  void shouldAcceptAnInstanceOfATemplate() {
    assertThat(UnitNames.require("unit", "getty@tty1.service")).isEqualTo("getty@tty1.service");
  }

  @Provide
  Arbitrary<Integer> lengths() {
    return Arbitraries.integers().between(250, 260);
  }
}
