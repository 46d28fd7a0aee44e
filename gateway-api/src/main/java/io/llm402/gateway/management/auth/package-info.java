@NullMarked
package io.llm402.gateway.management.auth;

import org.jspecify.annotations.NullMarked;
