@NullMarked
package io.llm402.gateway.catalog;

import org.jspecify.annotations.NullMarked;
