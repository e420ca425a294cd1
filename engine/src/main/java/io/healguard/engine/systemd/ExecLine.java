package io.healguard.engine.systemd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code Exec*=} command line as systemd runs it: the {@code -@:+!} prefixes, quoting, and
 * variable expansion of the arguments ({@code ${VAR}} inside a word, {@code $VAR} as a word of its
 * own split at whitespace, {@code $$} a literal dollar, none of it with {@code :}). The program is
 * never expanded: systemd looks {@code $X} up as a file name. Specifiers are expanded by the caller.
 *
 * @param program the file systemd executes (a plain name is looked up by {@link ExecSearch})
 * @param argv the argument vector as systemd stores it, variables unexpanded (what
 *     {@code systemd-analyze verify} prints as "Command Line"); with {@code @} it starts at the display name
 * @param args the arguments after argv[0] as the process receives them, variables expanded
 */
public record ExecLine(String prefixes, String program, List<String> argv, List<String> args) {
  private static final Pattern BRACED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
  private static final Pattern BARE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  public ExecLine {
    argv = List.copyOf(argv);
    args = List.copyOf(args);
  }

  record Word(String text, boolean quoted) {}

  /**
   * Parses a line; {@code env} answers a variable's value, or null when the unit does not set it
   * (systemd then expands it to nothing). Callers can record which names were asked.
   */
  public static ExecLine parse(String value, UnaryOperator<String> env) {
    Split s = split(value);
    List<Word> words = words(s.rest());
    if (words.isEmpty()) {
      return new ExecLine(s.prefixes(), "", List.of(), List.of());
    }
    boolean expand = !s.prefixes().contains(":");
    // with '@' the second word is argv[0], a display name and not an argument
    int first = s.prefixes().contains("@") ? 2 : 1;
    List<String> argv = new ArrayList<>();
    for (int i = first - 1; i < words.size(); i++) {
      argv.add(words.get(i).text());
    }
    List<String> args = new ArrayList<>();
    for (int i = first; i < words.size(); i++) {
      Word w = words.get(i);
      Matcher bare = BARE.matcher(w.text());
      Matcher braced = BRACED.matcher(w.text());
      if (!expand) {
        args.add(w.text());
      } else if (!w.quoted() && bare.matches()) {
        for (String part : WHITESPACE.split(orEmpty(env.apply(bare.group(1))).strip())) {
          if (!part.isEmpty()) {
            args.add(part);
          }
        }
      } else if (!w.quoted() && braced.matches()) {
        args.add(orEmpty(env.apply(braced.group(1))));
      } else {
        args.add(expandBraced(w.text(), env));
      }
    }
    return new ExecLine(s.prefixes(), words.get(0).text(), argv, args);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String expandBraced(String text, UnaryOperator<String> env) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
        out.append('$');
        i++;
        continue;
      }
      if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
        int end = text.indexOf('}', i);
        if (end > 0) {
          out.append(orEmpty(env.apply(text.substring(i + 2, end))));
          i = end;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  /** The raw line cut into prefixes, the raw program word and the raw rest (kept for rendering). */
  public record Split(String prefixes, String rawProgram, String rawArgs, String rest) {}

  public static Split split(String value) {
    String v = value.strip();
    int i = 0;
    while (i < v.length() && "-@:+!".indexOf(v.charAt(i)) >= 0) {
      i++;
    }
    String prefixes = v.substring(0, i);
    String rest = v.substring(i);
    int end = wordEnd(rest, 0);
    return new Split(prefixes, rest.substring(0, end), rest.substring(end), rest);
  }

  /** A raw word without its surrounding quotes. */
  public static String unquote(String word) {
    List<Word> w = words(word);
    return w.isEmpty() ? "" : w.get(0).text();
  }

  /** The index just past the raw word starting at {@code from} (quotes and backslashes respected). */
  public static int wordEnd(String s, int from) {
    char quote = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (Character.isWhitespace(c)) {
        return i;
      }
    }
    return s.length();
  }

  /** systemd's word splitting: double and single quotes group, backslash escapes. */
  static List<Word> words(String s) {
    List<Word> out = new ArrayList<>();
    StringBuilder cur = null;
    boolean quoted = false;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote == 0 && Character.isWhitespace(c)) {
        if (cur != null) {
          out.add(new Word(cur.toString(), quoted));
          cur = null;
          quoted = false;
        }
        continue;
      }
      if (cur == null) {
        cur = new StringBuilder();
      }
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        cur.append(switch (n) {
          case 'n' -> '\n';
          case 't' -> '\t';
          default -> n;
        });
      } else if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        quoted = true;
      } else {
        cur.append(c);
      }
    }
    if (cur != null) {
      out.add(new Word(cur.toString(), quoted));
    }
    return out;
  }

  /** Environment= assignments: quoted words of NAME=value. */
  public static List<String> assignments(String value) {
    return words(value).stream().map(Word::text).filter(w -> w.indexOf('=') > 0).toList();
  }
}
