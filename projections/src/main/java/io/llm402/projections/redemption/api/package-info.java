@NullMarked
package io.llm402.projections.redemption.api;

import org.jspecify.annotations.NullMarked;
