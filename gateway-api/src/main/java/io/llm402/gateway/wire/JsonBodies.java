package io.llm402.gateway.wire;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading client bodies and writing upstream bodies without re-serialising what need not change. */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** The body as a JSON object, or a 400 in the caller's format. */
    public static ObjectNode object(byte[] raw) throws BadRequestException {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(raw);
        } catch (JacksonException e) {
            throw new BadRequestException("The request body is not valid JSON.", "invalid_json");
        }
        if (!(body instanceof ObjectNode object)) {
            throw new BadRequestException("The request body must be a JSON object.", "invalid_request");
        }
        return object;
    }

    /**
     * The most output tokens one choice may ask for. Above every model's real output limit (the largest today are
     * 128k), and small enough that no reservation built from it can overflow.
     */
    public static final long MAX_OUTPUT_TOKENS = 1_000_000;
    /** The most choices one request may ask for ({@code n}; OpenAI's own limit is 128). */
    public static final long MAX_CHOICES = 128;
    /** Gemini's own limit on {@code candidateCount}. */
    public static final long MAX_CANDIDATES = 8;

    /**
     * A client's count field ({@code max_tokens}, {@code n}, …): 0 when absent or null, else an integer from 0 to
     * {@code max}. A fraction, a string, a negative or a larger number is a 400 in the caller's format, never a
     * reservation computed from it.
     */
    public static long count(JsonNode value, String field, long max) throws BadRequestException {
        if (value.isMissingNode() || value.isNull()) {
            return 0;
        }
        boolean integral = value.isIntegralNumber()
                || (value.isFloatingPointNumber() && value.doubleValue() == Math.rint(value.doubleValue()));
        if (!integral || value.doubleValue() < 0 || value.doubleValue() > max) {
            throw new BadRequestException("'" + field + "' must be an integer from 0 to " + max + ".",
                    "invalid_value");
        }
        return value.asLong();
    }

    /** A client's flag ({@code stream}): false when absent or null, else it must be a boolean (400 otherwise). */
    public static boolean flag(JsonNode body, String field) throws BadRequestException {
        JsonNode value = body.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new BadRequestException("'" + field + "' must be true or false.", "invalid_value");
        }
        return value.booleanValue();
    }

    /** A required non-blank string field. */
    public static String requiredString(ObjectNode body, String field, String what) throws BadRequestException {
        JsonNode value = body.path(field);
        if (!value.isString() || value.asString().isBlank()) {
            throw new BadRequestException(what + " needs '" + field + "' (a non-empty string).", "invalid_request");
        }
        return value.asString();
    }
}
