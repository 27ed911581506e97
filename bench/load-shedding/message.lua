-- A message activity per request, to one of 997 conversations ("phrase cost": a look-up turn with state load and
-- save), replying to the loopback connector that run.sh starts on port 5301. Anonymous mode: no token.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"type":"message","id":"m%d","channelId":"emulator","serviceUrl":"http://127.0.0.1:5301/","from":{"id":"u1"},"recipient":{"id":"b1"},"conversation":{"id":"c%d"},"text":"phrase cost"}', n, n % 997)
  return wrk.format(nil, nil, nil, body)
end
