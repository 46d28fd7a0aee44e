package io.llm402.gateway.wire;


/** The client's request cannot be served as sent; answered 400 in the caller's format, no upstream call made. */
public final class BadRequestException extends Exception {

    private final String code;

    public BadRequestException(String message, String code) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
