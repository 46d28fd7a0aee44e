@NullMarked
package io.llm402.domain.redemption.api;

import org.jspecify.annotations.NullMarked;
