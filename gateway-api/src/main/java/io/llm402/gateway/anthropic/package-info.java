/** The Claude Messages API as clients call it ({@code /v1/messages}, token counting, Claude-shaped model lists). */
@NullMarked
package io.llm402.gateway.anthropic;

import org.jspecify.annotations.NullMarked;
