package io.llm402.gateway.relay;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client request, read once: what routing, reservation and the upstream call need.
 *
 * @param body            the parsed JSON body (its model may be replaced per channel; the original is not mutated)
 * @param rawBody         the bytes as received, sent on unchanged when nothing about them needs to change
 * @param promptEstimate  local token count of the input, for the reservation and for estimated usage
 * @param maxOutputTokens the most output the call can produce (0 for embeddings and rerank)
 * @param maxUnits        the most billable units (rerank search units) the call can cost; 1 otherwise
 * @param request         the servlet request, for headers and query parameters an API forwards
 */
public record ApiCall(Operation operation, String model, boolean stream, ObjectNode body, byte[] rawBody,
                      long promptEstimate, long maxOutputTokens, long maxUnits, HttpServletRequest request) {
}
