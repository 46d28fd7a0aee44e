@NullMarked
package io.llm402.projections.access;

import org.jspecify.annotations.NullMarked;
