@NullMarked
package io.llm402.domain.pricing.api;

import org.jspecify.annotations.NullMarked;
