@NullMarked
package io.llm402.gateway.access;

import org.jspecify.annotations.NullMarked;
