package io.healguard.engine.drift.internal;

import io.healguard.engine.drift.internal.ShellLexer.Tok;
import io.healguard.engine.systemd.HostFs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one simple command's words: leading {@code NAME=value} assignments, declarations
 * ({@code export}, {@code local}, ...), and wrappers that run another command ({@code exec},
 * {@code nohup}, {@code sudo}, {@code env}, {@code timeout}, a keyword such as {@code then}),
 * down to the program that really runs and its arguments.
 */
public final class CommandReader {
  private static final Set<String> KEYWORDS = Set.of(
      "if", "then", "else", "elif", "do", "while", "until", "!", "time", "{", "}");
  private static final Set<String> WRAPPERS = Set.of("exec", "nohup", "command", "builtin", "setsid");
  private static final Set<String> DECLARE = Set.of("export", "local", "declare", "readonly", "typeset");
  /** Wrappers whose options may take a value as the next word, with those options. */
  private static final Map<String, Set<String>> OPTION_ARGS = Map.of(
      "sudo", Set.of("-u", "-g", "-C", "-h", "-p", "-U", "-r", "-t", "-D"),
      "env", Set.of("-u", "-C", "-S", "--unset", "--chdir"),
      "nice", Set.of("-n"),
      "ionice", Set.of("-c", "-n", "-p"),
      "stdbuf", Set.of("-i", "-o", "-e"),
      "timeout", Set.of("-s", "-k", "--signal", "--kill-after"));
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /**
   * {@code program} is null for a command that only assigns or declares; {@code persistent}: its
   * assignments stay in the shell (a bare assignment or a declaration), otherwise they are the
   * program's environment only.
   */
  public record SimpleCommand(List<Tok> assignments, boolean persistent, Tok program, List<Tok> args) {
    public SimpleCommand {
      assignments = List.copyOf(assignments);
      args = List.copyOf(args);
    }
  }

  private CommandReader() {}

  public static boolean isAssignment(String w) {
    int eq = w.indexOf('=');
    return eq > 0 && NAME.matcher(w.substring(0, eq)).matches();
  }

  public static SimpleCommand read(List<Tok> toks) {
    int i = 0;
    List<Tok> assignments = new ArrayList<>();
    boolean declare = false;
    while (i < toks.size()) {
      Tok t = toks.get(i);
      String w = t.resolved() && t.text().startsWith("/") && !isAssignment(t.text()) ? HostFs.basename(t.text()) : t.text();
      if (declare) {
        if (isAssignment(t.text())) {
          assignments.add(t); // export NAME alone assigns nothing
        }
        i++;
      } else if (KEYWORDS.contains(w) || WRAPPERS.contains(w)) {
        i++;
      } else if (OPTION_ARGS.containsKey(w)) {
        // env's NAME=value words are read as assignments on the next turns
        i = skipOptions(toks, i + 1, OPTION_ARGS.get(w)) + (w.equals("timeout") ? 1 : 0);
      } else if (DECLARE.contains(w)) {
        declare = true;
        i++;
        while (i < toks.size() && toks.get(i).text().startsWith("-")) {
          i++;
        }
      } else if (isAssignment(t.text())) {
        assignments.add(t);
        i++;
      } else {
        break;
      }
    }
    if (declare || i >= toks.size()) {
      return new SimpleCommand(assignments, true, null, List.of());
    }
    return new SimpleCommand(assignments, false, toks.get(i), toks.subList(i + 1, toks.size()));
  }

  private static int skipOptions(List<Tok> toks, int i, Set<String> withValue) {
    while (i < toks.size() && toks.get(i).text().startsWith("-") && !toks.get(i).text().equals("-")) {
      i += withValue.contains(toks.get(i).text()) ? 2 : 1;
    }
    return i;
  }
}
