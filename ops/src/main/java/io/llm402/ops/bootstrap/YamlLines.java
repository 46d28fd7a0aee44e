package io.llm402.ops.bootstrap;

import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Finds the line of a field in the YAML text (through snakeyaml-engine's node tree, which keeps positions), so that
 * validation errors found after binding can still say where the mistake is.
 */
final class YamlLines {

    private final Optional<Node> root;

    YamlLines(String yaml) {
        Optional<Node> parsed;
        try {
            parsed = new Compose(LoadSettings.builder().build()).composeString(yaml);
        } catch (RuntimeException e) {
            parsed = Optional.empty();
        }
        this.root = parsed;
    }

    /** The 1-based line of the node at {@code path} (names and list indexes), or of its nearest existing parent. */
    int lineOf(List<Object> path) {
        if (root.isEmpty()) {
            return 0;
        }
        Node node = root.get();
        Node found = node;
        for (Object segment : path) {
            node = child(node, segment);
            if (node == null) {
                break;
            }
            found = node;
        }
        return found.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    private static Node child(Node node, Object segment) {
        if (node instanceof MappingNode mapping && segment instanceof String name) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name)) {
                    return tuple.getValueNode();
                }
            }
        }
        if (node instanceof SequenceNode sequence && segment instanceof Integer index
                && index < sequence.getValue().size()) {
            return sequence.getValue().get(index);
        }
        return null;
    }
}
