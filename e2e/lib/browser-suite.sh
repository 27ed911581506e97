# Shared by the browser suites' run.sh (sourced, not run): Debian's chromium if missing, the suite's npm packages,
# CoachBot.Server built and started anonymously (no MicrosoftAppId: loopback callers only) on a free loopback port.
# The caller sets `suite` (the name its result line starts with), `here` (its folder) and `out` (its output folder).
# After start_server: $port is the server's port; the server is stopped when the script exits.

fail() { echo "$suite setup failed: $1"; echo "$suite: 0 passed, 1 failed"; exit 1; }

prepare_browser_suite() {
  local root="$1"
  mkdir -p "$out"
  if [ ! -x /usr/bin/chromium ]; then
    echo "installing chromium (Debian package)"
    { apt-get install -y chromium >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y chromium >/dev/null 2>&1; }; } \
      || fail "could not install chromium"
  fi
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >"$out/npm-ci.log" 2>&1) || fail "npm ci (see $out/npm-ci.log)"
  dotnet build "$root/src/CoachBot.Server" -c Release -nologo -v q >"$out/build.log" 2>&1 || fail "building CoachBot.Server (see $out/build.log)"
}

# start_server <root> [VAR=value ...]: the extra settings are passed to the server's environment.
start_server() {
  local root="$1"; shift
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  env "$@" MicrosoftAppId= ASPNETCORE_URLS="http://127.0.0.1:$port" \
    dotnet "$root/src/CoachBot.Server/bin/Release/net10.0/CoachBot.Server.dll" >"$out/server.log" 2>&1 &
  server=$!
  trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null' EXIT

  local ready=0
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then ready=1; break; fi
    kill -0 "$server" 2>/dev/null || break
    sleep 0.5
  done
  [ "$ready" -eq 1 ] || fail "CoachBot.Server did not become ready (see $out/server.log)"
}
