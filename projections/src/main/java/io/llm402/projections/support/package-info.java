@NullMarked
package io.llm402.projections.support;

import org.jspecify.annotations.NullMarked;
