#!/usr/bin/env bash
# A local three-node cluster of the opt-out job to watch (docs/cluster.md): the vendor sandbox on 8089 (a customer
# texting STOP every 2 s), three nodes in cluster mode on the local PostgreSQL (schema local_cluster of database
# "test"; JDBC_URL, JDBC_USER, JDBC_PASSWORD to use another), and a round-robin load balancer on 8080 in front of
# their web hooks (8081-8083). Logs in target/local-cluster/. kill -9 a node and watch another take over (a dead
# node is started again after 15 s). Ctrl-C stops everything.
#
# Needs a build first: mvn -o -q package -DskipTests   (target/classes, target/test-classes, target/lib)
set -euo pipefail
cd "$(dirname "$0")/../../.."
if [[ ! -d target/lib || ! -d target/test-classes ]]; then
  echo "Build first: mvn -o -q package -DskipTests" >&2
  exit 1
fi
exec java -Xmx256m \
  -Djdbc.url="${JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/test}" \
  -Djdbc.user="${JDBC_USER:-postgres}" \
  -Djdbc.password="${JDBC_PASSWORD:-}" \
  -cp "target/test-classes:target/classes:target/lib/*" dev.smskamelets.test.LocalCluster
