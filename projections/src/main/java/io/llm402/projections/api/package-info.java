/** What the projections module publishes to the rest of the application besides its queries. */
@NullMarked
package io.llm402.projections.api;

import org.jspecify.annotations.NullMarked;
