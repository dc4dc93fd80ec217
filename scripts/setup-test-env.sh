#!/usr/bin/env bash
# What the test suite needs beyond `npm install`, checked and (when it may: root with apt-get) installed, else a
# clear message and exit 1. Run by `npm test` and by .ci/run (with --postgres: the database tier against a
# PostgreSQL server too). Idempotent and quick when everything is there.
#   - Debian's chromium + fonts-wqy-microhei: the browser tests (playwright-core drives /usr/bin/chromium)
#   - libnet-smpp-perl: the independent SMS centre of the SMPP interop test (test/peers/smsc.pl)
#   - nats-server with JetStream on 127.0.0.1:4222 (or NATS_URL): the NATS ingest tests
#   - postgresql (--postgres only)
set -uo pipefail
want_pg=0
[ "${1:-}" = "--postgres" ] && want_pg=1

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'wqy' || need+=(fonts-wqy-microhei)
perl -MNet::SMPP -e1 2>/dev/null || need+=(libnet-smpp-perl)
nats_url="${NATS_URL:-nats://127.0.0.1:4222}"
nats_hostport="${nats_url#*://}"; nats_host="${nats_hostport%:*}"; nats_port="${nats_hostport##*:}"
nats_up() { (exec 3<>"/dev/tcp/$nats_host/$nats_port") 2>/dev/null; }
nats_up || command -v nats-server >/dev/null || need+=(nats-server)
((want_pg)) && { command -v pg_ctlcluster >/dev/null || need+=(postgresql); }

if ((${#need[@]})); then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "setup-test-env: installing ${need[*]} (Debian packages)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; } || {
      echo "setup-test-env: apt-get install ${need[*]} failed" >&2; exit 1; }
  else
    echo "setup-test-env: the tests need these Debian packages: ${need[*]}" >&2
    echo "  install them as root:  apt-get install -y ${need[*]}" >&2
    echo "  (or run the tests as root on Debian, where they are installed automatically)" >&2
    exit 1
  fi
fi

# NATS JetStream for the ingest tests: started in the background when nothing listens yet
if ! nats_up; then
  if [ "$nats_host" != "127.0.0.1" ] && [ "$nats_host" != "localhost" ]; then
    echo "setup-test-env: no NATS server at $nats_url" >&2; exit 1
  fi
  store="${TMPDIR:-/tmp}/zhiwang-test-nats"
  mkdir -p "$store"
  if command -v start-stop-daemon >/dev/null; then
    start-stop-daemon --start --oknodo --background --exec "$(command -v nats-server)" -- -a 127.0.0.1 -p "$nats_port" -js -sd "$store"
  else
    nohup nats-server -a 127.0.0.1 -p "$nats_port" -js -sd "$store" >/dev/null 2>&1 &
  fi
  for _ in $(seq 1 50); do nats_up && break; sleep 0.1; done
  nats_up || { echo "setup-test-env: nats-server did not start on $nats_url" >&2; exit 1; }
fi
exit 0
