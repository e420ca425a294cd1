package io.healguard.engine.drift.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A YAML document as a tree of keyed nodes that keep their line, which Jackson's own tree drops.
 * A scalar node holds its text; a list of scalars also keeps them as {@code items}.
 */
public final class YamlTree {
  private static final YAMLFactory YAML = new YAMLFactory();

  /** {@code key} is the mapping key this node sits under (a list item inherits its list's). */
  public record Node(String key, int line, String text, List<Node> children) {
    public boolean scalar() {
      return text != null;
    }

    public List<String> items() {
      return children.stream().filter(Node::scalar).map(Node::text).toList();
    }
  }

  private YamlTree() {}

  /** The document's root node; throws IOException when it is not YAML. */
  public static Node parse(String text) throws IOException {
    try (JsonParser p = YAML.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new Node("", 1, null, List.of());
      }
      return node(p, t, "");
    }
  }

  private static Node node(JsonParser p, JsonToken t, String key) throws IOException {
    int line = p.currentTokenLocation().getLineNr();
    if (t == JsonToken.START_OBJECT) {
      List<Node> children = new ArrayList<>();
      for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
        String name = p.currentName();
        children.add(node(p, p.nextToken(), name));
      }
      return new Node(key, line, null, children);
    }
    if (t == JsonToken.START_ARRAY) {
      List<Node> children = new ArrayList<>();
      for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
        children.add(node(p, n, key));
      }
      return new Node(key, line, null, children);
    }
    return new Node(key, line, t == JsonToken.VALUE_NULL ? "" : p.getText(), List.of());
  }
}
