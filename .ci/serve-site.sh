# Sourced by the scripts that need the lab running. serve_site BINARY PORT LOG starts the
# server on 127.0.0.1:PORT with the built site, kills it by its PID when the calling script
# exits, and waits (up to 10 s) until /api/health answers.
serve_site() {
  LEPTOS_SITE_ROOT=target/site "$1" --addr "127.0.0.1:$2" >"$3" 2>&1 &
  site_server=$!
  trap 'kill "$site_server" 2>/dev/null' EXIT
  for _ in $(seq 50); do
    curl -fsS "http://127.0.0.1:$2/api/health" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
}
