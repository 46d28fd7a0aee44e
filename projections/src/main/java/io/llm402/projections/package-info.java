@NullMarked
package io.llm402.projections;

import org.jspecify.annotations.NullMarked;
