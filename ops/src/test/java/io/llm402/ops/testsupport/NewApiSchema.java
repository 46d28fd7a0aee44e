package io.llm402.ops.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * new-api's own tables, as its GORM migrations create them ({@code /new-api/<dialect>.sql}), for tests that build a
 * new-api database to import.
 */
public final class NewApiSchema {

    private NewApiSchema() {
    }

    /** The schema's statements for {@code sqlite} or {@code postgres}, comments left out. */
    public static List<String> statements(String dialect) {
        try (InputStream in = Objects.requireNonNull(NewApiSchema.class.getResourceAsStream(
                "/new-api/" + dialect + ".sql"), "no new-api schema for " + dialect)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.trim().startsWith("--")).reduce("", (a, b) -> a + b + "\n");
            return Arrays.stream(text.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
