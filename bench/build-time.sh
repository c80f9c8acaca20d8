#!/usr/bin/env bash
# Warm no-change `mvn -o package` of the same one-file C plugin built three ways:
#   mqkit - packaging mailerq-plugin (this toolkit)
#   nar   - com.github.maven-nar:nar-maven-plugin 3.10.1, packaging nar
#   jar   - a plain jar project with one Java class, Maven's default plugins (the yardstick)
# Prints a Markdown table: median, min and max wall time of RUNS runs (default 7),
# taken round-robin so that load on the machine hits all three alike, and the
# number of mojo executions each build binds.
#
# Needs dev.mqkit:mailerq-maven-plugin in the local repository:
#   mvn -pl mailerq-maven-plugin -am install -DskipTests
# The first (warm-up) builds download the NAR plugin and Maven's default plugins.
set -euo pipefail

RUNS=${RUNS:-7}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-$ROOT/target/bench}
MVN=${MVN:-mvn}
VERSION=$(grep -m1 -o '<version>[^<]*' "$ROOT/pom.xml" | sed 's/<version>//')
HEADER="$ROOT/header/src/main/include/mailerq.h"

rm -rf "$WORK"
mkdir -p "$WORK"

write_plugin_source() {
  mkdir -p "$1"
  cat > "$1/plugin.c" <<'C'
#include <mailerq.h>

MQ_EXPORT int mq_version(void)
{
    return MQ_API_VERSION;
}

MQ_EXPORT bool mq_smtp_in_mailfrom(MQ_Context *context, MQ_SmtpConnection *connection,
                                   const char *mailfrom, size_t size)
{
    (void) context; (void) connection; (void) mailfrom;
    return size == 0;
}
C
}

# --- mqkit -----------------------------------------------------------------
write_plugin_source "$WORK/mqkit/src/main/c"
cat > "$WORK/mqkit/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>bench-mqkit</artifactId>
  <version>1.0</version>
  <packaging>mailerq-plugin</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>dev.mqkit</groupId>
        <artifactId>mailerq-maven-plugin</artifactId>
        <version>$VERSION</version>
        <extensions>true</extensions>
        <configuration><order>10</order></configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM

# --- nar -------------------------------------------------------------------
write_plugin_source "$WORK/nar/src/main/c"
mkdir -p "$WORK/nar/src/main/include"
cp "$HEADER" "$WORK/nar/src/main/include/"
cat > "$WORK/nar/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>bench-nar</artifactId>
  <version>1.0</version>
  <packaging>nar</packaging>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <build>
    <plugins>
      <plugin>
        <groupId>com.github.maven-nar</groupId>
        <artifactId>nar-maven-plugin</artifactId>
        <version>3.10.1</version>
        <extensions>true</extensions>
        <configuration>
          <!-- the source is a 2.1/3.x plugin; the header gives the 5.13 API unless told otherwise -->
          <c>
            <defines>
              <define>MQ_MAILERQ_VERSION=30000</define>
            </defines>
          </c>
          <libraries>
            <library>
              <type>shared</type>
            </library>
          </libraries>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM

# --- jar -------------------------------------------------------------------
mkdir -p "$WORK/jar/src/main/java/bench"
cat > "$WORK/jar/src/main/java/bench/Plugin.java" <<'JAVA'
package bench;

public class Plugin {
    public static int version() {
        return 1;
    }
}
JAVA
cat > "$WORK/jar/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>bench-jar</artifactId>
  <version>1.0</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.source>17</maven.compiler.source>
    <maven.compiler.target>17</maven.compiler.target>
  </properties>
</project>
POM

PROJECTS=(jar mqkit nar)

source "$(dirname "$0")/timed-builds.sh"
warm_up package
time_builds run package

read -r jar_median jar_min _ <<< "$(stats "${TIMES[jar]}")"
"$MVN" -v > "$WORK/maven-version.txt" 2>&1
echo "Warm no-change \`mvn -o package\`, $RUNS runs each, $(nproc) cores, $(sed 's/\x1b\[[0-9;]*m//g' "$WORK/maven-version.txt" | head -1)"
echo
# the minimum is the run least disturbed by other load on the machine: compare it too
echo "| project | mojo executions | median | min | max | median vs jar | min vs jar |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for p in "${PROJECTS[@]}"; do
  read -r median min max <<< "$(stats "${TIMES[$p]}")"
  executions=$(sed 's/\x1b\[[0-9;]*m//g' "$WORK/$p-warm.log" | grep -c '^\[INFO\] --- ' || true)
  awk -v p="$p" -v e="$executions" -v m="$median" -v lo="$min" -v hi="$max" -v j="$jar_median" -v jm="$jar_min" \
    'BEGIN { printf "| %s | %d | %.2f s | %.2f s | %.2f s | %.2f× | %.2f× |\n", p, e, m / 1000, lo / 1000, hi / 1000, m / j, lo / jm }'
done
