package io.llm402.console.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** English and Chinese have the same texts with the same placeholders, and every text a template asks for exists. */
class MessageBundlesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");
    /** {@code #{key}}, {@code #{key(args)}} and keys built as {@code #{'prefix.' + ${value}}}. */
    private static final Pattern LITERAL_KEY = Pattern.compile("#\\{([a-zA-Z][\\w.]*)[()}]");
    private static final Pattern PREFIX_KEY = Pattern.compile("#\\{'([a-zA-Z][\\w.]*\\.)' \\+");

    @Test
    void bothLanguagesHaveTheSameKeysNoneEmptyAndTheSamePlaceholders() throws IOException {
        Properties english = load("console/messages.properties");
        Properties chinese = load("console/messages_zh_CN.properties");

        assertThat(chinese.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        for (String key : english.stringPropertyNames()) {
            assertThat(english.getProperty(key)).as(key).isNotBlank();
            assertThat(chinese.getProperty(key)).as(key).isNotBlank();
            assertThat(placeholders(chinese.getProperty(key))).as(key)
                    .isEqualTo(placeholders(english.getProperty(key)));
            // A text with arguments goes through MessageFormat, where a lone apostrophe swallows what follows.
            if (!placeholders(english.getProperty(key)).isEmpty()) {
                assertThat(english.getProperty(key)).as(key).doesNotContain("'");
                assertThat(chinese.getProperty(key)).as(key).doesNotContain("'");
            }
        }
    }

    @Test
    void everyTextATemplateAsksForExists() throws IOException {
        Set<String> keys = load("console/messages.properties").stringPropertyNames();
        Set<String> missing = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates/console"))) {
            for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                String html = Files.readString(template);
                Matcher literal = LITERAL_KEY.matcher(html);
                while (literal.find()) {
                    if (!keys.contains(literal.group(1))) {
                        missing.add(template.getFileName() + ": " + literal.group(1));
                    }
                }
                Matcher prefix = PREFIX_KEY.matcher(html);
                while (prefix.find()) {
                    prefixes.add(prefix.group(1));
                }
            }
        }
        assertThat(missing).isEmpty();
        for (String prefix : prefixes) {
            assertThat(keys).as("texts starting with " + prefix).anyMatch(key -> key.startsWith(prefix));
        }
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
