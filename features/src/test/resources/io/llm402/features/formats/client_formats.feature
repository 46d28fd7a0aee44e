@formats
Feature: Every client format reaches an upstream of its own format and is charged from that provider's usage
  Clients call LLM402 the way their SDK calls the provider; the gateway authenticates them the same way, passes the
  request to a channel of the same format (renaming the model where the channel maps it, with the channel's own key),
  and charges exactly what that provider's usage report says, cache reads and writes included. Prices per 1M tokens
  and the simulated usage of each channel are in billing.yaml; each charge below is worked out in its scenario.

  Background:
    Given the gateway serves every provider through the upstream simulator

  Rule: OpenAI-format APIs

    Scenario: Responses, non-streaming: 600 input + 400 cached (ratio 0.5) + 200 output on gpt-4o-mini
      When "sk-dave-formats-0006" posts to "/v1/responses" as an OpenAI client:
        """
        {"model": "gpt-4o-mini", "input": "Say hello."}
        """
      Then the answer is 200
      And the answer's "/object" is "response"
      And the answer's "/output/0/content/0/text" is "Hello from the simulator."
      And it was charged from the upstream's usage: 240000 nano-USD on channel "simulated-openai"

    Scenario: Responses, streaming: typed events end with response.completed, charged the same
      When "sk-dave-formats-0006" posts to "/v1/responses" as an OpenAI client:
        """
        {"model": "gpt-4o-mini", "input": "Say hello.", "stream": true}
        """
      Then the stream's events are named from "response.created" to "response.completed"
      And it was charged from the upstream's usage: 240000 nano-USD on channel "simulated-openai"

    Scenario: Legacy completions
      When "sk-dave-formats-0006" posts to "/v1/completions" as an OpenAI client:
        """
        {"model": "gpt-4o-mini", "prompt": "Say hello."}
        """
      Then the answer is 200
      And the answer's "/object" is "text_completion"
      And it was charged from the upstream's usage: 240000 nano-USD on channel "simulated-openai"

    Scenario: Azure with a dated API version: deployment in the path, api-key header, channel cache ratio 0.25
      # 600 × 2.00 + 400 × 2.00 × 0.25 + 200 × 8.00 per 1M = 1,200,000 + 200,000 + 1,600,000 nano-USD
      When "sk-dave-formats-0006" posts to "/v1/chat/completions" as an Azure-style client:
        """
        {"model": "azure-gpt", "messages": [{"role": "user", "content": "Say hello."}]}
        """
      Then the answer is 200
      And the upstream on "/azure/prompt=1000/cached=400/completion=200" was called at "/openai/deployments/gpt4o-deployment/chat/completions?api-version=2024-10-21"
      And the upstream on "/azure/prompt=1000/cached=400/completion=200" got header "api-key" = "sk-upstream-azure" and never the client's key
      And it was charged from the upstream's usage: 3000000 nano-USD on channel "azure"

    Scenario: DeepSeek reports cache hits its own way and returns reasoning content
      # 232 × 0.27 + 768 × 0.27 × 0.1 + 200 × 1.10 per 1M = 62,640 + 20,736 + 220,000 nano-USD
      When "sk-dave-formats-0006" posts to "/v1/chat/completions" as an OpenAI client:
        """
        {"model": "deepseek-chat", "messages": [{"role": "user", "content": "Say hello."}]}
        """
      Then the answer is 200
      And the answer's "/usage/prompt_cache_hit_tokens" is the number 768
      And it was charged from the upstream's usage: 303376 nano-USD on channel "deepseek"
      And the receipt's usage "cached_tokens" is 768
      And the receipt's usage "reasoning_tokens" is 150

    Scenario: An OpenAI-compatible server
      When "sk-dave-formats-0006" posts to "/v1/chat/completions" as an OpenAI client:
        """
        {"model": "compat-model", "messages": [{"role": "user", "content": "Say hello."}]}
        """
      Then the answer is 200
      And it was charged from the upstream's usage: 200000 nano-USD on channel "compatible"

    Scenario: Embeddings in base64 from an upstream that returns floats (what the Node SDK asks for by default)
      # 815 × 0.05 per 1M = 40,750 nano-USD
      When "sk-dave-formats-0006" posts to "/v1/embeddings" as an OpenAI client:
        """
        {"model": "jina-embeddings-v3", "input": ["hello", "world"], "encoding_format": "base64"}
        """
      Then the answer is 200
      And the answer's "/data/0/embedding" is a base64 vector of 4 floats
      And the upstream on "/jina/flavor=jina/prompt=815" got a body whose "/model" is "jina-embeddings-v3"
      And it was charged from the upstream's usage: 40750 nano-USD on channel "jina"

  Rule: Claude Messages

    Scenario: Messages with x-api-key: cache reads, 5-minute and 1-hour cache writes each at their own price
      # 20 × 3 + 1000 × 3 × 0.1 + 100 × 3 × 1.25 + 200 × 3 × 2 + 50 × 15 per 1M
      #   = 60,000 + 300,000 + 375,000 + 1,200,000 + 750,000 nano-USD
      When "sk-dave-formats-0006" posts to "/v1/messages" as an Anthropic client:
        """
        {"model": "claude-sonnet-4-5", "max_tokens": 256, "messages": [{"role": "user", "content": "Say hello."}]}
        """
      Then the answer is 200
      And the answer's "/type" is "message"
      And the answer's "/usage/cache_read_input_tokens" is the number 1000
      And the upstream on "/anthropic/prompt=1320/cached=1000/cacheWrite=100/cacheWrite1h=200/completion=50" got header "x-api-key" = "sk-upstream-anthropic" and never the client's key
      And it was charged from the upstream's usage: 2685000 nano-USD on channel "anthropic"
      And the receipt's usage "cache_write_1h_tokens" is 200

    Scenario: Claude Code streams with a bearer token and ?beta=true; every event carries its name
      When "sk-dave-formats-0006" posts to "/v1/messages?beta=true" as a Claude-Code client:
        """
        {"model": "claude-sonnet-4-5", "max_tokens": 256, "stream": true,
         "messages": [{"role": "user", "content": "Say hello."}]}
        """
      Then the stream's events are named from "message_start" to "message_stop"
      And the upstream on "/anthropic/prompt=1320/cached=1000/cacheWrite=100/cacheWrite1h=200/completion=50" got header "anthropic-beta" = "claude-code-20250219,interleaved-thinking-2025-05-14" and never the client's key
      And it was charged from the upstream's usage: 2685000 nano-USD on channel "anthropic"

    Scenario: Token counting is answered by the upstream and costs nothing
      When "sk-dave-formats-0006" posts to "/v1/messages/count_tokens?beta=true" as an Anthropic client:
        """
        {"model": "claude-sonnet-4-5", "messages": [{"role": "user", "content": "hello"}]}
        """
      Then the answer is 200
      And the answer's "/input_tokens" is the number 1320
      And nothing was charged

    Scenario: A malformed Claude request gets a Claude-shaped 400 and reaches no upstream
      When "sk-dave-formats-0006" posts to "/v1/messages" as an Anthropic client:
        """
        {"model": "claude-sonnet-4-5", "messages": [{"role": "user", "content": "no max_tokens"}]}
        """
      Then the answer is 400 in the Claude error shape with type "invalid_request_error"
      And no upstream was called

    Scenario: A Claude client without balance gets billing_error
      When "sk-bob-broke-0003" posts to "/v1/messages" as an Anthropic client:
        """
        {"model": "claude-sonnet-4-5", "max_tokens": 16, "messages": [{"role": "user", "content": "hi"}]}
        """
      Then the answer is 402 in the Claude error shape with type "billing_error"
      And no upstream was called

  Rule: Gemini

    Scenario: generateContent with x-goog-api-key: cached content is a part of the prompt, thoughts are output
      # 176 × 0.30 + 1024 × 0.30 × 0.25 + (30 + 90) × 2.50 per 1M = 52,800 + 76,800 + 300,000 nano-USD
      When "sk-dave-formats-0006" posts to "/v1beta/models/gemini-2.5-flash:generateContent" as a Gemini client:
        """
        {"contents": [{"role": "user", "parts": [{"text": "Say hello."}]}]}
        """
      Then the answer is 200
      And the answer's "/usageMetadata/cachedContentTokenCount" is the number 1024
      And the upstream on "/gemini/prompt=1200/cached=1024/completion=30/reasoning=90" got header "x-goog-api-key" = "sk-upstream-gemini" and never the client's key
      And it was charged from the upstream's usage: 429600 nano-USD on channel "gemini"

    Scenario: streamGenerateContent with alt=sse and the key in the query
      When "sk-dave-formats-0006" posts to "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key={key}" as a Gemini client:
        """
        {"contents": [{"role": "user", "parts": [{"text": "Say hello."}]}]}
        """
      Then the stream's last data event has "/candidates/0/finishReason" equal to "STOP"
      And it was charged from the upstream's usage: 429600 nano-USD on channel "gemini"

    Scenario: countTokens costs nothing
      When "sk-dave-formats-0006" posts to "/v1beta/models/gemini-2.5-flash:countTokens" as a Gemini client:
        """
        {"contents": [{"role": "user", "parts": [{"text": "hello"}]}]}
        """
      Then the answer is 200
      And the answer's "/totalTokens" is the number 1200
      And nothing was charged

    Scenario: A wrong key gets a Gemini-shaped 401
      When "sk-nobody-0000" posts to "/v1beta/models/gemini-2.5-flash:generateContent" as a Gemini client:
        """
        {"contents": [{"role": "user", "parts": [{"text": "hello"}]}]}
        """
      Then the answer is 401 in the Gemini error shape with type "UNAUTHENTICATED"
      And no upstream was called

  Rule: Rerank

    Scenario: Cohere behind /v1/rerank: documents normalised for v2, re-attached in the answer, billed per search unit
      # 2 search units × 0.002 USD per call = 4,000,000 nano-USD
      When "sk-dave-formats-0006" posts to "/v1/rerank" as an OpenAI client:
        """
        {"model": "rerank-v3.5", "query": "capital of France", "documents": ["Paris is the capital of France",
         {"text": "Berlin is in Germany"}], "top_n": 2, "return_documents": true}
        """
      Then the answer is 200
      And the answer's "/model" is "rerank-v3.5"
      And the answer's "/results/0/document/text" is "Paris is the capital of France"
      And the upstream on "/cohere/units=2" was called at "/v2/rerank"
      And the upstream on "/cohere/units=2" got a body whose "/documents/1" is "Berlin is in Germany"
      And it was charged from the upstream's usage: 4000000 nano-USD on channel "cohere"
      And the receipt's usage "search_units" is 2

    Scenario: Jina behind /v2/rerank answers in Cohere v2's shape, billed by tokens
      # 815 × 0.02 per 1M = 16,300 nano-USD
      When "sk-dave-formats-0006" posts to "/v2/rerank" as an OpenAI client:
        """
        {"model": "jina-reranker-v2", "query": "capital of France", "documents": ["Paris is the capital of France",
         "Berlin is in Germany"]}
        """
      Then the answer is 200
      And the answer's "/meta/api_version/version" is "2"
      And the answer has no "/results/0/document"
      And it was charged from the upstream's usage: 16300 nano-USD on channel "jina"

  Rule: model lists answer in the caller's format

    Scenario: An Anthropic client gets Claude's list shape
      When "sk-dave-formats-0006" gets "/v1/models" as an Anthropic client
      Then the answer is 200
      And the answer's "/has_more" is "false"
      And the answer's "/data/0/type" is "model"

    Scenario: A Gemini client gets Gemini's list shape
      When "sk-dave-formats-0006" gets "/v1beta/models" as a Gemini client
      Then the answer is 200
      And the answer's "/models/0/name" is "models/azure-gpt"
