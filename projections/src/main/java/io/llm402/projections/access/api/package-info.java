@NullMarked
package io.llm402.projections.access.api;

import org.jspecify.annotations.NullMarked;
