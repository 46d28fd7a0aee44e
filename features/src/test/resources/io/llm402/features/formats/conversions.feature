@conversions
Feature: Clients reach upstreams of another format, with reasoning controls
  A client keeps its own format when the model behind it speaks another: the request is converted, the answer and
  the stream are converted back (tool calls, thinking and text intact), and the charge still comes from the upstream's
  own usage report, so cache tokens are never counted twice. Prices and simulated usage are in billing.yaml.

  Background:
    Given the gateway serves every provider through the upstream simulator

  Rule: Claude Code against an OpenAI-compatible model

    Scenario: A streamed Claude request is answered with every Claude event, thinking, text and three tool calls
      When "sk-dave-formats-0006" posts to "/v1/messages?beta=true" as a Claude-Code client:
        """
        {"model": "kimi-k2", "max_tokens": 1024, "stream": true,
         "system": "You are Claude Code.",
         "tools": [{"name": "tool_0", "input_schema": {"type": "object"}}],
         "messages": [{"role": "user", "content": "Weather in three cities?"}]}
        """
      Then the stream's events are named from "message_start" to "message_stop"
      And the stream has content blocks "thinking, text, tool_use, tool_use, tool_use"
      And the upstream on "/compat-tools/prompt=100/completion=50/reasoning=5/tools=3" got a body whose "/messages/0/role" is "system"
      And the upstream on "/compat-tools/prompt=100/completion=50/reasoning=5/tools=3" got header "authorization" = "Bearer sk-upstream-compat-tools" and never the client's key
      # 100 × 1.00 + 50 × 2.00 per 1M
      And it was charged from the upstream's usage: 200000 nano-USD on channel "compatible-tools"

    Scenario: A whole Claude answer from an OpenAI-compatible model
      When "sk-dave-formats-0006" posts to "/v1/messages" as an Anthropic client:
        """
        {"model": "kimi-k2", "max_tokens": 1024, "messages": [{"role": "user", "content": "Weather?"}]}
        """
      Then the answer is 200
      And the answer's "/type" is "message"
      And the answer's "/stop_reason" is "tool_use"
      And the answer's "/content/0/type" is "thinking"
      And it was charged from the upstream's usage: 200000 nano-USD on channel "compatible-tools"

  Rule: OpenAI clients against Claude and Gemini models

    Scenario: An OpenAI stream from a Claude model ends with [DONE] and keeps the cache split for billing
      # 20 × 3 + 1000 × 3 × 0.1 + 100 × 3 × 1.25 + 200 × 3 × 2 + 50 × 15 per 1M, as for the native Claude call
      When "sk-dave-formats-0006" posts to "/v1/chat/completions" as an OpenAI client:
        """
        {"model": "claude-haiku-4-5", "stream": true, "messages": [{"role": "user", "content": "Weather?"}]}
        """
      Then the stream ends with [DONE] after a finish reason "tool_calls"
      And the upstream on "/anthropic-tools/prompt=1320/cached=1000/cacheWrite=100/cacheWrite1h=200/completion=50/reasoning=5/tools=3" got header "x-api-key" = "sk-upstream-anthropic-tools" and never the client's key
      And it was charged from the upstream's usage: 2685000 nano-USD on channel "anthropic-tools"
      And the receipt's usage "cached_tokens" is 1000

    Scenario: An OpenAI answer from a Gemini model
      # 176 × 0.30 + 1024 × 0.30 × 0.25 + (30 + 90) × 2.50 per 1M
      When "sk-dave-formats-0006" posts to "/v1/chat/completions" as an OpenAI client:
        """
        {"model": "gemini-2.5-pro", "messages": [{"role": "user", "content": "Weather?"}]}
        """
      Then the answer is 200
      And the answer's "/object" is "chat.completion"
      And the answer's "/choices/0/finish_reason" is "tool_calls"
      And the answer's "/choices/0/message/tool_calls/2/function/name" is "tool_2"
      And it was charged from the upstream's usage: 429600 nano-USD on channel "gemini-tools"

    Scenario: Responses from a Chat-only upstream
      When "sk-dave-formats-0006" posts to "/v1/responses" as an OpenAI client:
        """
        {"model": "compat-model", "input": "Say hello.", "stream": true}
        """
      Then the stream's events are named from "response.created" to "response.completed"
      And it was charged from the upstream's usage: 200000 nano-USD on channel "compatible"

  Rule: reasoning by model name

    Scenario: o3-mini-high reaches the upstream as o3-mini with high effort, billed at o3-mini's price
      # 100 × 1.10 + 50 × 4.40 per 1M
      When "sk-dave-formats-0006" posts to "/v1/chat/completions" as an OpenAI client:
        """
        {"model": "o3-mini-high", "max_tokens": 300, "messages": [{"role": "user", "content": "Think."}]}
        """
      Then the answer is 200
      And the upstream on "/o3/prompt=100/completion=50" got a body whose "/model" is "o3-mini"
      And the upstream on "/o3/prompt=100/completion=50" got a body whose "/reasoning_effort" is "high"
      And the upstream on "/o3/prompt=100/completion=50" got a body whose "/max_completion_tokens" is "300"
      And it was charged from the upstream's usage: 330000 nano-USD on channel "openai-reasoning"
      And the receipt names model "o3-mini-high" billed as "o3-mini" and sent upstream as "o3-mini"

    Scenario: o4-mini-high listed on a channel (as new-api operators do) still reaches the upstream as o4-mini with high effort
      When "sk-dave-formats-0006" posts to "/v1/chat/completions" as an OpenAI client:
        """
        {"model": "o4-mini-high", "max_tokens": 300, "messages": [{"role": "user", "content": "Think."}]}
        """
      Then the answer is 200
      And the upstream on "/o4listed/prompt=100/completion=50" got a body whose "/model" is "o4-mini"
      And the upstream on "/o4listed/prompt=100/completion=50" got a body whose "/reasoning_effort" is "high"
      And it was charged from the upstream's usage: 330000 nano-USD on channel "openai-reasoning-listed"
      And the receipt names model "o4-mini-high" billed as "o4-mini-high" and sent upstream as "o4-mini"

    Scenario: A -thinking Claude model turns extended thinking on
      When "sk-dave-formats-0006" posts to "/v1/messages" as an Anthropic client:
        """
        {"model": "claude-haiku-4-5-thinking", "max_tokens": 1000, "temperature": 0.3,
         "messages": [{"role": "user", "content": "Think."}]}
        """
      Then the answer is 200
      And the upstream on "/anthropic-tools/prompt=1320/cached=1000/cacheWrite=100/cacheWrite1h=200/completion=50/reasoning=5/tools=3" got a body whose "/thinking/type" is "enabled"
      And the upstream on "/anthropic-tools/prompt=1320/cached=1000/cacheWrite=100/cacheWrite1h=200/completion=50/reasoning=5/tools=3" got a body whose "/thinking/budget_tokens" is "1024"
      And the upstream on "/anthropic-tools/prompt=1320/cached=1000/cacheWrite=100/cacheWrite1h=200/completion=50/reasoning=5/tools=3" got a body whose "/model" is "claude-haiku-4-5"

    Scenario: A model that accepts only adaptive thinking gets adaptive thinking
      When "sk-dave-formats-0006" posts to "/v1/chat/completions" as an OpenAI client:
        """
        {"model": "claude-opus-4-7-thinking", "messages": [{"role": "user", "content": "Think."}]}
        """
      Then the answer is 200
      And the upstream on "/anthropic-tools/prompt=1320/cached=1000/cacheWrite=100/cacheWrite1h=200/completion=50/reasoning=5/tools=3" got a body whose "/thinking/type" is "adaptive"

  Rule: thinking to content

    Scenario: Reasoning arrives once, as <think> content, in a stream
      When "sk-dave-formats-0006" posts to "/v1/chat/completions" as an OpenAI client:
        """
        {"model": "deepseek-reasoner", "stream": true, "messages": [{"role": "user", "content": "Think."}]}
        """
      Then the streamed content starts with "<think>\n" and contains "\n</think>\n" once, with no reasoning_content
      And it was charged from the upstream's usage: 200000 nano-USD on channel "thinking-to-content"

    Scenario: Reasoning arrives once, as <think> content, in a whole answer
      When "sk-dave-formats-0006" posts to "/v1/chat/completions" as an OpenAI client:
        """
        {"model": "deepseek-reasoner", "messages": [{"role": "user", "content": "Think."}]}
        """
      Then the answer is 200
      And the answer has no "/choices/0/message/reasoning_content"
      And the answer's content starts with "<think>\n"
