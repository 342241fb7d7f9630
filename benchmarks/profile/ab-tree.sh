#!/bin/bash
# A/B of the resource tree: a copy of a built distribution (plus the floor bundle in its bundle/), CREATE or other --ops
# with the tree load client against it, then stopped. Build first: mvn -B -q -DskipTests package -pl benchmarks,distribution -am;
# <src> is a folder holding distribution/target/onem2m-tef (copy one aside per side). BENCHMARKS.md, figure 9.
# usage: benchmarks/profile/ab-tree.sh <src dir with distribution/target/onem2m-tef> <label> <ops> <kinds> <clients> [rounds]
src=$1; label=$2; ops=$3; kinds=$4; clients=$5; rounds=${6:-3}
D=/tmp/ab-$label; PORT=18181
rm -rf $D; cp -r $src/distribution/target/onem2m-tef $D
export ONEM2M_HTTP_PORT=$PORT ONEM2M_MAF_PORT=18443 ONEM2M_MEF_PORT=18444 ONEM2M_EST_PORT=18445 ONEM2M_DATA=$D/data ONEM2M_CONSOLE=off JAVA_OPTS="-Xmx1g ${EXTRA_JAVA_OPTS:-}"
$D/bin/onem2m-tef > $D.log 2>&1 &
pid=$!
for i in $(seq 1 60); do curl -s -o /dev/null -w '%{http_code}' -H 'X-M2M-Origin: CAdmin' -H 'X-M2M-RI: 1' http://127.0.0.1:$PORT/~/in-cse/in-name | grep -q 200 && break; sleep 0.5; done
cd "$(dirname "$0")/../.."
java -jar benchmarks/target/benchmarks.jar tree --out /tmp/bout-$label --target http://127.0.0.1:$PORT/~/in-cse/in-name --floor http://127.0.0.1:$PORT/floor --children 100 --clients $clients --ops $ops --kinds $kinds --rounds $rounds --round-seconds 4 --first-warmup 8 --post-floor true 2>&1 | grep -E '^\| |% of the floor|% of POST' | sed "s/^/$label /"
kill $pid; wait $pid 2>/dev/null
