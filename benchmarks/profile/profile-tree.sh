#!/bin/bash
# Start a copy of the distribution with JFR (settings=profile) on port ${PORT:-18181}; pid in $D.pid, JFR at $D.jfr on exit.
# Env: DIST_SRC (a checkout whose distribution/target/onem2m-tef is built), D (copy dir), PORT, EXTRA_OPTS.
set -e
D=${D:-/tmp/prof-dist}; PORT=${PORT:-18181}; rm -rf $D; cp -r ${DIST_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}/distribution/target/onem2m-tef $D
export ONEM2M_HTTP_PORT=$PORT ONEM2M_MAF_PORT=$((PORT+262)) ONEM2M_DATA=$D/data ONEM2M_CONSOLE=off
export JAVA_OPTS="-Xmx1g -XX:StartFlightRecording=filename=$D.jfr,settings=profile,dumponexit=true $EXTRA_OPTS"
$D/bin/onem2m-tef > $D.log 2>&1 &
echo $! > $D.pid
for i in $(seq 1 60); do curl -s -o /dev/null -w '%{http_code}' -H 'X-M2M-Origin: CAdmin' -H 'X-M2M-RI: 1' http://127.0.0.1:$PORT/~/in-cse/in-name | grep -q 200 && break; sleep 0.5; done
echo started pid $(cat $D.pid) port $PORT
