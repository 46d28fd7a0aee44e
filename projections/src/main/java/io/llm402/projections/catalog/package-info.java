@NullMarked
package io.llm402.projections.catalog;

import org.jspecify.annotations.NullMarked;
