package io.healguard.engine.drift.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code Exec*=} command line as systemd runs it: the {@code -@:+!} prefixes, quoting, and
 * variable expansion ({@code ${VAR}} inside a word, {@code $VAR} as a word of its own split at
 * whitespace, {@code $$} a literal dollar, none of it with {@code :}). The program itself is never
 * expanded: systemd does not accept a variable there. Specifiers are expanded by the caller first.
 */
public record ExecCommand(String prefixes, String program, List<String> args, String rawProgram, String rawArgs) {
  private static final Pattern BRACED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
  private static final Pattern BARE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");

  record Word(String text, boolean quoted) {}

  public static ExecCommand parse(String value, Map<String, String> env) {
    Split s = split(value);
    List<Word> words = words(s.rest());
    if (words.isEmpty()) {
      return new ExecCommand(s.prefixes(), "", List.of(), "", "");
    }
    boolean expand = !s.prefixes().contains(":");
    List<String> args = new ArrayList<>();
    // with '@' the second word is argv[0], a display name and not an argument
    int first = s.prefixes().contains("@") ? 2 : 1;
    for (int i = first; i < words.size(); i++) {
      Word w = words.get(i);
      if (!expand) {
        args.add(w.text());
        continue;
      }
      Matcher bare = BARE.matcher(w.text());
      Matcher braced = BRACED.matcher(w.text());
      if (!w.quoted() && bare.matches()) {
        String v = env.getOrDefault(bare.group(1), "");
        for (String part : v.strip().split("\\s+")) {
          if (!part.isEmpty()) {
            args.add(part);
          }
        }
      } else if (!w.quoted() && braced.matches()) {
        args.add(env.getOrDefault(braced.group(1), ""));
      } else {
        args.add(expandBraced(w.text(), env));
      }
    }
    return new ExecCommand(s.prefixes(), words.get(0).text(), List.copyOf(args), s.rawProgram(), s.rawArgs());
  }

  private static String expandBraced(String text, Map<String, String> env) {
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
          out.append(env.getOrDefault(text.substring(i + 2, end), ""));
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

  private static int wordEnd(String s, int from) {
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
