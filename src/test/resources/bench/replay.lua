-- wrk script for the token benchmarks (src/test/java/no/samarbeidsportal/bench/Wrk.java): replays pre-signed token
-- requests, each exactly once. A grant is only fresh for a few seconds around its iat, so the requests come in time
-- buckets: bucket b holds grants whose iat suits the seconds [start + b*width, start + (b+1)*width), and each thread
-- sends from the bucket of the current second. A thread whose bucket has run out stops (and says so in the summary)
-- rather than send a used grant.
--
-- wrk -s replay.lua URL -- <file prefix> <start epoch s> <bucket width s>
-- reads <file prefix>.<thread number>: one request per line, "<bucket>\t<form body>"

local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  start = tonumber(args[2])
  width = tonumber(args[3])
  exhausted = 0
  buckets = {}
  nexts = {}
  local headers = { ["Content-Type"] = "application/x-www-form-urlencoded", ["Accept"] = "application/json" }
  for line in io.lines(args[1] .. "." .. id) do
    local tab = line:find("\t", 1, true)
    local b = tonumber(line:sub(1, tab - 1))
    local list = buckets[b]
    if not list then
      list = {}
      buckets[b] = list
      nexts[b] = 1
    end
    list[#list + 1] = wrk.format("POST", nil, headers, line:sub(tab + 1))
  end
end

function request()
  local b = math.floor((os.time() - start) / width)
  if b < 0 then b = 0 end
  local list = buckets[b]
  if list then
    local i = nexts[b]
    local r = list[i]
    if r then
      nexts[b] = i + 1
      list[i] = false
      return r
    end
  end
  -- nothing fresh left for this second: stop this thread (its connections finish what they sent)
  if exhausted == 0 then
    exhaustedAt = string.format("bucket %d at %d s", b, os.time() - start)
    wrk.thread:stop()
  end
  exhausted = exhausted + 1
  return wrk.format("GET", "/replay-exhausted")
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do
    total = total + t:get("exhausted")
    if t:get("exhaustedAt") then
      io.write(string.format("replay-exhausted-at %s\n", t:get("exhaustedAt")))
    end
  end
  io.write(string.format("replay-exhausted %d\n", total))
  for _, p in ipairs({ 50, 90, 99, 99.9 }) do
    io.write(string.format("replay-latency p%s %d\n", tostring(p), latency:percentile(p)))
  end
  io.write(string.format("replay-summary requests %d duration_us %d non2xx %d connect %d read %d write %d timeout %d\n",
    summary.requests, summary.duration, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end
