@NullMarked
package io.llm402.gateway.billing;

import org.jspecify.annotations.NullMarked;
