@NullMarked
package io.llm402.projections.redemption;

import org.jspecify.annotations.NullMarked;
