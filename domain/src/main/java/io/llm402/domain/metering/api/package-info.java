@NullMarked
package io.llm402.domain.metering.api;

import org.jspecify.annotations.NullMarked;
