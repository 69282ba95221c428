# Sourced by the workspace benchmarks: starts `./demo.sh --server` in the background with its output in $1, waits
# until it says how to stop it, and sets demo (its pid, for the caller's trap), url and token.
start_demo() {
  local out=$1
  ./demo.sh --server >"$out" 2>&1 &
  demo=$!
  for _ in $(seq 600); do
    grep -q '^Ctrl+C' "$out" && break
    kill -0 "$demo" 2>/dev/null || { cat "$out" >&2; exit 1; }
    sleep 0.5
  done
  grep -q '^Ctrl+C' "$out" || { echo "the demo did not start:" >&2; cat "$out" >&2; exit 1; }
  url=$(grep -o 'The workspace is at http://127.0.0.1:[0-9]*' "$out" | grep -o 'http://.*')
  token=$(grep -o 'tm_[A-Za-z0-9_-]*' "$out" | head -1)
}
