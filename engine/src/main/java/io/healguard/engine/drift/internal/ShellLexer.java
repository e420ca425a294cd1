package io.healguard.engine.drift.internal;

import io.healguard.engine.drift.internal.Value.Expansion;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts one logical bash line into simple commands and words: quotes, backslashes, comments,
 * {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-default}}, {@code ~}, and command substitution
 * (handed to the {@link Expander}, its value unknowable). It knows no command: what a word means
 * is the {@link CommandReader}'s and the {@link ScriptReader}'s business.
 */
public final class ShellLexer {
  private static final Pattern PARAM = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(:?[-=])?(.*)");

  /** What the lexer asks about the shell it reads for. */
  public interface Expander {
    /** The variable's value, or null when it is not set. */
    Value variable(String name);

    /** Whose {@code ~} this is, or null when unknown. */
    String home();

    /** A command substitution's text, to be read as a command of its own (its output is unknowable). */
    void substitution(String command);
  }

  /**
   * One word after expansion. {@code resolved} is false when part of it cannot be known (an unset
   * variable, command output, {@code ~} of an unknown user); {@code expansions} are the variables
   * it used, unset ones included, so a use can be checked against the contract.
   */
  public record Tok(String text, boolean resolved, List<Expansion> expansions) {
    public Tok {
      expansions = List.copyOf(expansions);
    }

    public static Tok literal(String text) {
      return new Tok(text, true, List.of());
    }
  }

  /** A simple command and the operator before it: "", ";", "&&", "||", "|", "&", "(" or ")". */
  public record Segment(String before, List<Tok> words) {}

  private ShellLexer() {}

  public static List<Segment> lex(String s, Expander x) {
    List<Segment> segments = new ArrayList<>();
    List<Tok> seg = new ArrayList<>();
    String before = "";
    Word cur = null;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote == 0 && (Character.isWhitespace(c) || ";&|()".indexOf(c) >= 0)) {
        if (cur != null) {
          seg.add(cur.tok());
          cur = null;
        }
        if (!Character.isWhitespace(c)) {
          String op = String.valueOf(c);
          if (i + 1 < s.length() && (c == '&' || c == '|') && s.charAt(i + 1) == c) {
            op += c;
            i++;
          }
          if (!seg.isEmpty()) {
            segments.add(new Segment(before, seg));
            seg = new ArrayList<>();
          }
          before = op;
        }
        continue;
      }
      if (quote == 0 && c == '#' && cur == null) {
        break; // a comment, to the end of the line
      }
      if (cur == null) {
        cur = new Word();
      }
      if (quote != '\'' && c == '\\' && i + 1 < s.length()) {
        cur.text.append(s.charAt(++i));
      } else if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          cur.text.append(c);
        }
      } else if (c == '"') {
        quote = quote == '"' ? 0 : '"';
      } else if (c == '\'') {
        quote = '\'';
      } else if (c == '$' || c == '`') {
        i = expansion(s, i, cur, x);
      } else if (c == '~' && cur.text.length() == 0 && quote == 0
          && (i + 1 == s.length() || s.charAt(i + 1) == '/' || Character.isWhitespace(s.charAt(i + 1)))) {
        String home = x.home();
        if (home == null) {
          cur.resolved = false;
          cur.text.append('~');
        } else {
          cur.text.append(home);
        }
      } else {
        cur.text.append(c);
      }
    }
    if (cur != null) {
      seg.add(cur.tok());
    }
    if (!seg.isEmpty()) {
      segments.add(new Segment(before, seg));
    }
    return segments;
  }

  private static final class Word {
    final StringBuilder text = new StringBuilder();
    final List<Expansion> expansions = new ArrayList<>();
    boolean resolved = true;

    Tok tok() {
      return new Tok(text.toString(), resolved, expansions);
    }

    void unknown() {
      resolved = false;
      text.append('$');
    }

    void value(String name, Value v) {
      expansions.add(new Expansion(name, v));
      if (v == null) {
        unknown();
      } else {
        expansions.addAll(v.via());
        text.append(v.text());
      }
    }
  }

  /** Expands the {@code $...} or backtick at {@code i} into {@code w}; returns the index of its last character. */
  private static int expansion(String s, int i, Word w, Expander x) {
    char c = s.charAt(i);
    if (c == '`' || s.startsWith("$(", i)) {
      int from = c == '`' ? i + 1 : i + 2;
      int close = c == '`' ? s.indexOf('`', from) : matching(s, from);
      if (close < 0) {
        close = s.length();
      }
      x.substitution(s.substring(from, close));
      w.unknown();
      return Math.min(close, s.length() - 1);
    }
    if (s.startsWith("${", i)) {
      int close = s.indexOf('}', i);
      if (close < 0) {
        w.unknown();
        return s.length() - 1;
      }
      Matcher m = PARAM.matcher(s.substring(i + 2, close));
      if (!m.matches()) {
        w.unknown();
        return close;
      }
      String name = m.group(1);
      String op = m.group(2);
      String rest = m.group(3);
      Value v = x.variable(name);
      if (op == null) {
        if (rest.isEmpty()) {
          w.value(name, v);
        } else {
          w.unknown(); // ${X#pattern}, ${X/a/b}, ${X:+alt}
        }
      } else if (v != null && !(op.startsWith(":") && v.text().isEmpty())) {
        w.value(name, v);
      } else if (rest.contains("$") || rest.contains("`")) {
        w.unknown();
      } else {
        w.text.append(rest); // the default applies
      }
      return close;
    }
    int j = i + 1;
    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
      j++;
    }
    String name = s.substring(i + 1, j);
    if (name.isEmpty()) {
      // "$" alone is a literal dollar; $1, $?, $$ and friends are unknowable
      if (j == s.length() || Character.isWhitespace(s.charAt(j)) || s.charAt(j) == '"') {
        w.text.append('$');
        return i;
      }
      w.unknown();
      return i + 1;
    }
    if (Character.isDigit(name.charAt(0))) {
      w.unknown();
      return i + 1;
    }
    w.value(name, x.variable(name));
    return j - 1;
  }

  private static int matching(String s, int from) {
    int depth = 1;
    char quote = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }
}
