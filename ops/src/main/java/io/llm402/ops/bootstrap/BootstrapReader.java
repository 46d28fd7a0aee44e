package io.llm402.ops.bootstrap;

import io.llm402.ops.bootstrap.BootstrapException.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads the bootstrap YAML strictly: an unknown field or a wrong type is an error with its line, never ignored. */
final class BootstrapReader {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private BootstrapReader() {
    }

    record Read(BootstrapFile file, YamlLines lines) {
    }

    static Read read(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bootstrap file " + path, e);
        }
        try {
            BootstrapFile file = YAML.readValue(text, BootstrapFile.class);
            if (file == null) {
                file = new BootstrapFile(null, null, null, null, null, null);
            }
            return new Read(file, new YamlLines(text));
        } catch (DatabindException e) {
            List<Object> segments = e.getPath().stream()
                    .<Object>map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : ref.getIndex())
                    .toList();
            String field = segments.stream()
                    .map(segment -> segment instanceof Integer index ? "[" + index + "]" : "." + segment)
                    .collect(Collectors.joining()).replaceFirst("^\\.", "");
            // Jackson's own location points past the offending value; the node tree knows the exact line.
            int line = segments.isEmpty() ? line(e) : new YamlLines(text).lineOf(segments);
            throw new BootstrapException(path, List.of(new Problem(line, field.isEmpty() ? "(file)" : field,
                    describe(e))));
        } catch (JacksonException e) {
            throw new BootstrapException(path, List.of(new Problem(line(e), "(syntax)",
                    firstLine(e.getOriginalMessage()))));
        }
    }

    private static String describe(DatabindException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field \"" + unknown.getPropertyName() + "\" (expected one of "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")) + ")";
        }
        return firstLine(e.getOriginalMessage()).replaceAll(" \\(class [^)]*\\)", "");
    }

    private static int line(JacksonException e) {
        return e.getLocation() == null ? 0 : Math.max(e.getLocation().getLineNr(), 0);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
