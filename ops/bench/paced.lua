-- wrk script for a fixed offered rate: the shared harness's chat.lua (body, headers, RESULT line) plus a pause before
-- every request, so that BENCH_CONNS connections together send about BENCH_RATE requests per second. The harness's
-- fixed-rate tool, h2load, counts no HTTP/1.1 response without a reason phrase ("HTTP/1.1 200 "), and Tomcat sends
-- none; wrk does not care. Latency is wrk's, from send to the end of the response (the pause is not in it).
dofile(os.getenv("BENCH_CHAT_LUA"))

local interval_ms = 1000 * tonumber(os.getenv("BENCH_CONNS")) / tonumber(os.getenv("BENCH_RATE"))

function setup(thread)
  math.randomseed(os.time())
end

-- Jittered around the interval so that connections do not fire in lockstep.
function delay()
  return interval_ms * (0.5 + math.random())
end
