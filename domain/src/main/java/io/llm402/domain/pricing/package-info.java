@NullMarked
package io.llm402.domain.pricing;

import org.jspecify.annotations.NullMarked;
