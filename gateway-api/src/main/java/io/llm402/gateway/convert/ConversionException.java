package io.llm402.gateway.convert;

/** A request that cannot be expressed in the upstream's format; the client gets a 400 naming the reason. */
public final class ConversionException extends Exception {

    public ConversionException(String message) {
        super(message, null, false, false);
    }
}
