@NullMarked
package io.llm402.projections.requests;

import org.jspecify.annotations.NullMarked;
