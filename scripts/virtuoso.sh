#!/usr/bin/env bash
# A private Virtuoso (OpenLink Virtuoso 7, Debian package `virtuoso-opensource`) for tests.
#
#   scripts/virtuoso.sh start DIR   # DIR: an empty directory owned by the caller
#   scripts/virtuoso.sh stop DIR
#
# `start` writes a minimal ini into DIR, starts `virtuoso-t` bound to 127.0.0.1 only (free ports),
# waits until /sparql answers, grants SPARQL_UPDATE to the anonymous "SPARQL" user (enables
# SPARQL Update and the Graph Store Protocol on /sparql and /sparql-graph-crud) and prints the
# HTTP base URL (e.g. http://127.0.0.1:40123). `stop` shuts down the instance started in DIR
# (the pid recorded there) and deletes DIR. Exit status 2: virtuoso-t is not installed.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 64; }

freeport() {
  python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])' 2>/dev/null ||
    echo $((20000 + RANDOM % 20000))
}

http_ok() {  # GET $1 answers 200
  [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$1/sparql?query=ASK%7B%7D" || true)" = 200 ]
}

start() {
  command -v virtuoso-t >/dev/null 2>&1 || { echo "virtuoso-t not found (apt-get install virtuoso-opensource)" >&2; exit 2; }
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  local hp sp root
  hp=$(freeport)
  sp=$(freeport)
  while [ "$sp" = "$hp" ]; do sp=$(freeport); done
  root=/var/lib/virtuoso-opensource-7/vsp
  [ -d "$root" ] || root=$dir
  cat >"$dir/virtuoso.ini" <<INI
[Database]
DatabaseFile=$dir/virtuoso.db
ErrorLogFile=$dir/virtuoso.log
LockFile=$dir/virtuoso.lck
TransactionFile=$dir/virtuoso.trx
xa_persistent_file=$dir/virtuoso.pxa
TempStorage=TempDatabase
[TempDatabase]
DatabaseFile=$dir/virtuoso-temp.db
TransactionFile=$dir/virtuoso-temp.trx
[Parameters]
ServerPort=127.0.0.1:$sp
DisableUnixSocket=1
DirsAllowed=., $dir
NumberOfBuffers=10000
MaxDirtyBuffers=6000
[HTTPServer]
ServerPort=127.0.0.1:$hp
ServerRoot=$root
ServerThreads=10
[SPARQL]
ResultSetMaxRows=1000000
MaxQueryExecutionTime=120
INI
  (cd "$dir" && exec virtuoso-t +foreground +configfile "$dir/virtuoso.ini") \
    </dev/null >"$dir/stdout.log" 2>&1 &
  local pid=$!
  echo "$pid" >"$dir/pid"
  echo "$hp" >"$dir/http_port"
  echo "$sp" >"$dir/isql_port"
  local url=http://127.0.0.1:$hp
  for _ in $(seq 600); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "virtuoso-t exited during start-up:" >&2
      tail -20 "$dir/virtuoso.log" "$dir/stdout.log" >&2 || true
      exit 1
    fi
    http_ok "$url" && break
    sleep 0.1
  done
  http_ok "$url" || { echo "virtuoso did not answer on $url within 60 s" >&2; stop; exit 1; }
  isql-vt "127.0.0.1:$sp" dba dba exec='grant SPARQL_UPDATE to "SPARQL";' >/dev/null
  echo "$url"
}

stop() {
  local pid
  pid=$(cat "$dir/pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  # Only delete a directory this script set up.
  if [ -f "$dir/virtuoso.ini" ]; then rm -rf "$dir"; fi
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 64 ;;
esac
