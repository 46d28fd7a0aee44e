@NullMarked
package io.llm402.domain.metering;

import org.jspecify.annotations.NullMarked;
