/**
 * An upstream simulator speaking every provider's wire format, for tests, features and benchmarks; behaviour is
 * chosen by the URL path.
 */
@NullMarked
package io.llm402.ops.simulator;

import org.jspecify.annotations.NullMarked;
