# A background job that cannot outlive the script that started it (issue 17 point 4): sourced by demo.sh.
#
#   start_background LOG COMMAND [ARG…]   starts COMMAND (a program, not a shell function) with its standard error in
#                                         LOG; its PID is in $background_pid
#   stop_background                       stops it and waits for it; harmless when nothing runs
#
# Why a function: `tm serve … &` ran a shell function in the background, so $! was a subshell's PID and killing it
# left the server running. Here the job is `exec`ed inside its subshell, so $! is the program itself. And why traps
# on INT and TERM as well as EXIT: a background job of a script ignores Ctrl+C (bash starts it with SIGINT ignored),
# so when Ctrl+C stops the script only the trap can stop the server.
background_pid=""

start_background() {
  local log=$1
  shift
  (exec "$@") 2> "$log" &
  background_pid=$!
  trap stop_background EXIT
  trap 'stop_background; trap - INT; exit 130' INT
  trap 'stop_background; trap - TERM; exit 143' TERM
}

stop_background() {
  if [ -n "$background_pid" ]; then
    kill "$background_pid" 2>/dev/null || true
    wait "$background_pid" 2>/dev/null || true
    background_pid=""
  fi
}
