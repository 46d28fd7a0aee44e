package io.llm402.ops.axon;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.axonframework.common.IdentifierFactory;

/**
 * Message identifiers as UUIDv7 (time-ordered, monotonic within a millisecond), found by Axon through
 * {@code META-INF/services}. Every event row carries its identifier in a unique index: random UUIDs put each new
 * event on a random page of that index, so every group commit rewrote dozens of scattered 4 KB pages; ordered ones
 * append to the index's last page (docs/performance.md). Each stays a valid UUID string: 48 bits of milliseconds,
 * then 74 random bits that count up within the same millisecond.
 */
public final class TimeOrderedIdentifierFactory extends IdentifierFactory {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    @Override
    public String generateIdentifier() {
        return GENERATOR.generate().toString();
    }
}
