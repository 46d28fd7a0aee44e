@formats @hardening
Feature: A request is sized up cheaply and honestly before it reaches an upstream
  Before any upstream call the gateway estimates a request's prompt and reserves its maximum cost. Neither step may be
  turned against it: a count a client sends is an integer within real model limits or a 400 in the caller's format,
  the maximum cost never wraps to a small number, and the prompt estimate costs bounded time and memory whatever the
  body holds.

  Background:
    Given the gateway serves every provider through the upstream simulator

  Rule: token counts are validated, never multiplied into a small reservation

    Scenario Outline: <what> is refused with a 400 in the caller's format and reaches no upstream
      When "sk-dave-formats-0006" posts to "<path>" as <client> client:
        """
        <body>
        """
      Then the answer is 400 in the <shape> error shape with type "<type>"
      And no upstream was called

      Examples:
        | what                             | path                                                 | client        | shape  | type                  | body                                                                                                                  |
        | max_tokens × n beyond a long     | /v1/chat/completions                                 | an OpenAI     | OpenAI | invalid_request_error | {"model": "gpt-4o-mini", "max_tokens": 4611686018427387904, "n": 4, "messages": [{"role": "user", "content": "hi"}]} |
        | max_tokens written as 1e18       | /v1/chat/completions                                 | an OpenAI     | OpenAI | invalid_request_error | {"model": "gpt-4o-mini", "max_tokens": 1e18, "messages": [{"role": "user", "content": "hi"}]}                        |
        | a fractional max_completion_tokens | /v1/chat/completions                               | an OpenAI     | OpenAI | invalid_request_error | {"model": "gpt-4o-mini", "max_completion_tokens": 10.5, "messages": [{"role": "user", "content": "hi"}]}             |
        | a negative n                     | /v1/chat/completions                                 | an OpenAI     | OpenAI | invalid_request_error | {"model": "gpt-4o-mini", "n": -3, "messages": [{"role": "user", "content": "hi"}]}                                   |
        | max_output_tokens as a string    | /v1/responses                                        | an OpenAI     | OpenAI | invalid_request_error | {"model": "gpt-4o-mini", "max_output_tokens": "lots", "input": "hi"}                                                  |
        | a huge Claude max_tokens         | /v1/messages                                         | an Anthropic  | Claude | invalid_request_error | {"model": "claude-sonnet-4-5", "max_tokens": 99999999999999999999, "messages": [{"role": "user", "content": "hi"}]} |
        | maxOutputTokens × candidateCount | /v1beta/models/gemini-2.5-flash:generateContent      | a Gemini      | Gemini | INVALID_ARGUMENT      | {"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"maxOutputTokens": 4611686018427387904, "candidateCount": 4}} |
        | too many Gemini candidates       | /v1beta/models/gemini-2.5-flash:generateContent      | a Gemini      | Gemini | INVALID_ARGUMENT      | {"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"candidateCount": 1e9}}                              |
        | max_tokens beyond gpt-4o-mini's 16,384 | /v1/chat/completions                           | an OpenAI     | OpenAI | invalid_request_error | {"model": "gpt-4o-mini", "max_tokens": 16385, "messages": [{"role": "user", "content": "hi"}]}                       |
        | max_output_tokens beyond the model's   | /v1/responses                                  | an OpenAI     | OpenAI | invalid_request_error | {"model": "gpt-4o-mini", "max_output_tokens": 500000, "input": "hi"}                                                  |
        | max_tokens beyond Sonnet 4.5's 64,000  | /v1/messages                                   | an Anthropic  | Claude | invalid_request_error | {"model": "claude-sonnet-4-5", "max_tokens": 64001, "messages": [{"role": "user", "content": "hi"}]}                |
        | maxOutputTokens beyond Gemini 2.5's    | /v1beta/models/gemini-2.5-flash:generateContent | a Gemini     | Gemini | INVALID_ARGUMENT      | {"contents": [{"parts": [{"text": "hi"}]}], "generationConfig": {"maxOutputTokens": 65537}}                          |

  Rule: the prompt estimate is bounded for any input

    Scenario: An 8 MB run of one letter is estimated at once and refused by the balance, not by the tokenizer
      When "sk-bob-broke-0003" sends a chat completion to "gpt-4o-mini" whose content is 8 MB of the letter "a"
      Then the answer is 402 in the OpenAI error shape with type "insufficient_quota"
      And no upstream was called
      And the gateway still answers

  Rule: the edges of the HTTP surface answer in the caller's format and echo nothing oversized

    Scenario Outline: A malformed Gemini path gets a 404 in Gemini's shape
      When "sk-dave-formats-0006" posts to "<path>" as a Gemini client:
        """
        {"contents": [{"parts": [{"text": "hi"}]}]}
        """
      Then the answer is 404 in the Gemini error shape with type "NOT_FOUND"
      And no upstream was called

      Examples:
        | path                                          |
        | /v1beta/models/gemini-2.5-flash:nonsense      |
        | /v1beta/tunedModels/x:generateContent         |
        | /v1beta/models/gemini-2.5-flash:generate/more |

    Scenario: An oversized model name is not echoed back
      When "sk-dave-formats-0006" sends a chat completion to a model named 10000 times "m"
      Then the answer is 404 in the OpenAI error shape with type "invalid_request_error"
      And the answer is shorter than 1000 characters
