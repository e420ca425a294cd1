package io.healguard.engine.contract.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff ({@code diff -u} style, three lines of context) of two small texts, so an
 * operator can review what {@code contract render} would change before anything is written.
 * Longest common subsequence by dynamic programming: rendered files are tens of lines.
 */
public final class UnifiedDiff {
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /** Empty when the texts are equal; {@code before} null means the file does not exist yet. */
  public static String of(String path, String before, String after) {
    if (after.equals(before)) {
      return "";
    }
    List<String> a = before == null ? List.of() : lines(before);
    List<String> b = lines(after);
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> ops = new ArrayList<>(); // ' ', '-', '+' followed by the line
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        ops.add(" " + a.get(i++));
        j++;
      } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.add("-" + a.get(i++)); // removals before additions, as diff -u prints them
      } else {
        ops.add("+" + b.get(j++));
      }
    }
    StringBuilder out = new StringBuilder()
        .append("--- ").append(before == null ? "/dev/null" : "a" + path).append('\n')
        .append("+++ b").append(path).append('\n');
    hunks(ops, out);
    return out.toString();
  }

  private static void hunks(List<String> ops, StringBuilder out) {
    int k = 0;
    while (k < ops.size()) {
      if (ops.get(k).charAt(0) == ' ') {
        k++;
        continue;
      }
      int start = Math.max(0, k - CONTEXT);
      int end = k;
      int quiet = 0;
      while (end < ops.size() && quiet <= 2 * CONTEXT) {
        quiet = ops.get(end).charAt(0) == ' ' ? quiet + 1 : 0;
        end++;
      }
      end = Math.min(ops.size(), end - Math.max(0, quiet - CONTEXT));
      int oldStart = 1 + start - count(ops, 0, start, '+');
      int newStart = 1 + start - count(ops, 0, start, '-');
      int oldLen = (end - start) - count(ops, start, end, '+');
      int newLen = (end - start) - count(ops, start, end, '-');
      out.append("@@ -").append(oldLen == 0 ? oldStart - 1 : oldStart).append(',').append(oldLen)
          .append(" +").append(newLen == 0 ? newStart - 1 : newStart).append(',').append(newLen).append(" @@\n");
      for (int x = start; x < end; x++) {
        out.append(ops.get(x)).append('\n');
      }
      k = end;
    }
  }

  // how many of ops[from, to) are `op`
  private static int count(List<String> ops, int from, int to, char op) {
    int n = 0;
    for (int x = from; x < to; x++) {
      if (ops.get(x).charAt(0) == op) {
        n++;
      }
    }
    return n;
  }

  private static List<String> lines(String text) {
    List<String> l = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!l.isEmpty() && l.get(l.size() - 1).isEmpty()) {
      l.remove(l.size() - 1);
    }
    return l;
  }
}
