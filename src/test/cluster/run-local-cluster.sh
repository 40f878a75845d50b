#!/usr/bin/env bash
# A local three-node cluster of the opt-out job to watch (docs/cluster.md): the vendor sandbox on 8089 (a customer
# texting STOP every 2 s), three nodes in cluster mode on the local PostgreSQL (schema local_cluster of database
# "test"; JDBC_URL, JDBC_USER, JDBC_PASSWORD to use another), and a round-robin load balancer on 8080 in front of
# their web hooks (8081-8083). Logs in target/local-cluster/. kill -9 a node and watch another take over (a dead
# node is started again after 15 s). Ctrl-C stops everything.
#
# The first run compiles the project and writes its class path (mvn test-compile dependency:build-classpath).
set -euo pipefail
cd "$(dirname "$0")/../../.."
CLASSPATH_FILE=target/local-cluster.classpath
if [[ ! -f "$CLASSPATH_FILE" || ! -d target/test-classes ]]; then
  mvn ${MAVEN_ARGS:--o} -q test-compile dependency:build-classpath -Dmdep.outputFile="$CLASSPATH_FILE"
fi
exec java -Xmx256m -Dlog4j2.configurationFile=sms-kamelets-log4j2.properties \
  -Djdbc.url="${JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/test}" \
  -Djdbc.user="${JDBC_USER:-postgres}" \
  -Djdbc.password="${JDBC_PASSWORD:-}" \
  -cp "target/test-classes:target/classes:$(cat "$CLASSPATH_FILE")" dev.smskamelets.test.LocalCluster
