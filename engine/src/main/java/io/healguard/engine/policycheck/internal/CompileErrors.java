package io.healguard.engine.policycheck.internal;

import io.healguard.engine.rules.table.TableSheet;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * Finds which rows of a sheet fail to compile when Drools reports an error without a line (an
 * MVEL analysis error in a condition cell, for one): each rule is compiled as its own resource,
 * so every error carries the rule it came from. Only run when a sheet already failed.
 */
public final class CompileErrors {
  private static final Pattern RULE = Pattern.compile("^rule \"([^\"]+)\"", Pattern.MULTILINE);

  private CompileErrors() {}

  /** Row name → first compile error message of that row, in sheet order. */
  public static Map<String, String> byRow(TableSheet sheet) {
    String drl = sheet.drl();
    Matcher m = RULE.matcher(drl);
    Map<String, int[]> spans = new LinkedHashMap<>();
    int headerEnd = -1;
    String prev = null;
    while (m.find()) {
      if (headerEnd < 0) headerEnd = m.start();
      if (prev != null) spans.get(prev)[1] = m.start();
      prev = m.group(1);
      spans.put(prev, new int[] {m.start(), drl.length()});
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (headerEnd < 0) {
      return out;
    }
    String header = drl.substring(0, headerEnd);
    KnowledgeBuilder kb = KnowledgeBuilderFactory.newKnowledgeBuilder();
    int i = 0;
    Map<String, String> pathToRow = new LinkedHashMap<>();
    for (Map.Entry<String, int[]> e : spans.entrySet()) {
      String path = "row-" + (i++) + ".drl";
      pathToRow.put(path, e.getKey());
      kb.add(ResourceFactory.newByteArrayResource((header + drl.substring(e.getValue()[0], e.getValue()[1]))
          .getBytes(StandardCharsets.UTF_8)).setSourcePath(path), ResourceType.DRL);
    }
    for (KnowledgeBuilderResult r : kb.getErrors()) {
      String path = r.getResource() == null ? null : r.getResource().getSourcePath();
      String row = path == null ? null : pathToRow.get(path);
      if (row != null) {
        out.putIfAbsent(row, r.getMessage().trim());
      }
    }
    return out;
  }
}
