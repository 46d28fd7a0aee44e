package io.llm402.projections.support;

import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Lists and maps kept in read tables as JSON text, the one format every supported database stores alike. */
public final class JsonColumns {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

    private JsonColumns() {
    }

    public static String write(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** A record written with {@link #write}; {@code fallback} when the column is empty. */
    public static <T> T read(@org.jspecify.annotations.Nullable String json, Class<T> type, T fallback) {
        return json == null || json.isEmpty() ? fallback : JSON.readValue(json, type);
    }

    public static List<String> stringList(String json) {
        return List.copyOf(JSON.readValue(json, STRING_LIST));
    }

    public static Map<String, String> stringMap(String json) {
        return Map.copyOf(JSON.readValue(json, STRING_MAP));
    }
}
