@NullMarked
package io.llm402.projections.catalog.api;

import org.jspecify.annotations.NullMarked;
