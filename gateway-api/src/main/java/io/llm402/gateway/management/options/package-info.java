@NullMarked
package io.llm402.gateway.management.options;

import org.jspecify.annotations.NullMarked;
