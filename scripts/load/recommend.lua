-- wrk script: POST /v1/recommend with generated profiles (one JSON profile a line in the file
-- named by RUBRIC_PROFILES), round robin per thread; counts statuses other than 200 and every
-- Rubric-Ruleset hash seen, and prints them as one JSON line at the end (read by load-test.py).
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(_)
  bodies = {}
  for line in io.lines(os.getenv("RUBRIC_PROFILES")) do
    if #line > 0 then bodies[#bodies + 1] = line end
  end
  -- each thread starts at its own offset
  index = (id * 7919) % #bodies
  bad = 0
  hashes = {}
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  index = index % #bodies + 1
  return wrk.format(nil, os.getenv("RUBRIC_PATH") or "/v1/recommend", nil, bodies[index])
end

-- with RUBRIC_CHECK=0 (throughput runs), no response hook: reading every response in Lua costs
-- wrk the CPU the server needs on a 2-core machine; non-2xx responses are still counted by wrk
if os.getenv("RUBRIC_CHECK") ~= "0" then
  function response(status, headers, _)
    if status ~= 200 then bad = bad + 1 end
    local hash = headers["Rubric-Ruleset"] or headers["rubric-ruleset"] or "none"
    hashes[hash] = (hashes[hash] or 0) + 1
  end
end

function done(summary, latency, _)
  local bad_total, seen = 0, {}
  for _, thread in ipairs(threads) do
    bad_total = bad_total + thread:get("bad")
    for hash, count in pairs(thread:get("hashes")) do seen[hash] = (seen[hash] or 0) + count end
  end
  local parts = {}
  for hash, count in pairs(seen) do parts[#parts + 1] = string.format('"%s": %d', hash, count) end
  local errors = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "non_200": %d, "socket_errors": %d, ' ..
    '"p50_us": %d, "p99_us": %d, "hashes": {%s}}\n',
    summary.requests, summary.duration / 1e6, bad_total + summary.errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(99), table.concat(parts, ", ")))
end
