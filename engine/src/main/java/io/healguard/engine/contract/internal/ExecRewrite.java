package io.healguard.engine.contract.internal;

import io.healguard.engine.contract.CondaLayout;
import io.healguard.engine.contract.Contract;
import io.healguard.engine.systemd.ExecLine;
import io.healguard.engine.systemd.HostFs;
import io.healguard.engine.systemd.Located;
import io.healguard.engine.systemd.Specifiers;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code Exec*=} line rewritten to run the contract's interpreter or the contract
 * environment's copy of a tool, with everything else kept byte for byte: prefixes, {@code @}'s
 * display name, arguments, specifiers. A line that runs something else is left alone with the
 * reason, so the operator knows it was looked at.
 */
public final class ExecRewrite {
  private static final Set<String> SHELLS = Set.of("bash", "sh", "dash", "zsh", "ksh");
  private static final Set<String> ENV_OPTIONS_WITH_VALUE = Set.of("-u", "-C", "-S", "--unset", "--chdir");

  /** {@code line} is the new value when {@code rewritten}; otherwise {@code reason} says why it stays. */
  public record Outcome(boolean rewritten, String line, String reason) {}

  private final Contract contract;
  private final CondaLayout layout;

  public ExecRewrite(Contract contract, CondaLayout layout) {
    this.contract = contract;
    this.layout = layout;
  }

  public Outcome rewrite(Located l, String unit) {
    ExecLine.Split s = ExecLine.split(l.value());
    String program = Specifiers.expand(ExecLine.unquote(s.rawProgram()), unit);
    Optional<String> replacement = replacement(program);
    if (replacement.isPresent()) {
      return new Outcome(true, s.prefixes() + replacement.get() + s.rawArgs(), "");
    }
    String base = HostFs.basename(program);
    if (base.equals("env") && !s.prefixes().contains("@")) {
      return viaEnv(s, unit, program);
    }
    return new Outcome(false, l.value(), reason(program, base));
  }

  /** {@code /usr/bin/env [options] [NAME=value]... python3 ...}: the interpreter word is replaced, env stays. */
  private Outcome viaEnv(ExecLine.Split s, String unit, String env) {
    String line = s.prefixes() + s.rest();
    int i = s.prefixes().length() + s.rawProgram().length();
    boolean valueNext = false;
    while (i < line.length()) {
      while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i == line.length()) {
        break;
      }
      int end = ExecLine.wordEnd(line, i);
      String word = ExecLine.unquote(line.substring(i, end));
      if (valueNext || word.startsWith("-") || word.indexOf('=') > 0) {
        valueNext = !valueNext && ENV_OPTIONS_WITH_VALUE.contains(word);
        i = end;
        continue;
      }
      String program = Specifiers.expand(word, unit);
      Optional<String> replacement = replacement(program);
      if (replacement.isEmpty()) {
        return new Outcome(false, null, env + " runs " + program + ": " + reason(program, HostFs.basename(program)));
      }
      return new Outcome(true, line.substring(0, i) + replacement.get() + line.substring(end), "");
    }
    return new Outcome(false, null, env + " runs nothing on this line");
  }

  private Optional<String> replacement(String program) {
    String base = HostFs.basename(program);
    if (!program.contains("$") && CondaLayout.isPython(base) && (program.startsWith("/") || !program.contains("/"))) {
      return Optional.of(contract.python());
    }
    if (program.startsWith("/") && layout.isEnvironmentTool(program)) {
      return Optional.of(contract.binDir() + "/" + base); // gunicorn, celery: the same tool from the contract's env
    }
    return Optional.empty();
  }

  private static String reason(String program, String base) {
    if (program.contains("$")) {
      return "it names its program through a variable, which systemd does not expand; fix the line by hand";
    }
    if (CondaLayout.MANAGERS.contains(base)) {
      return "it runs " + base + ", whose environment and interpreter drift check judges; edit it by hand if it reports one";
    }
    if (SHELLS.contains(base)) {
      return "it runs a shell, whose commands drift check judges; it is not rewritten";
    }
    return "it runs " + program + ", which is neither an interpreter nor a tool in a conda environment";
  }
}
