#!/usr/bin/env bash
# Warm no-change `mvn -o verify` of
#   mqkit      - the project `archetype:generate` makes (a C plugin, the exercise, three tests in one IT class)
#   jar        - a plain jar project with one class and one failsafe IT, the plugin versions mqkit binds (the yardstick)
#   jar+config - the same jar project with the generated project's .mvn/jvm.config, for a like-for-like Maven JVM
# Prints a Markdown table: median, min and max wall time of RUNS runs (default 7), taken round-robin so that load
# on the machine hits all alike, then where the seconds of one more mqkit build go (the time at which each mojo
# execution starts, from its log) and what exercise.json says the exercise took.
#
# Needs the toolkit and its archetype in the local repository:
#   mvn -pl mailerq-maven-plugin,archetype -am install -DskipTests
set -euo pipefail

RUNS=${RUNS:-7}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-$ROOT/target/bench-verify}
MVN=${MVN:-mvn}
VERSION=$(grep -m1 -o '<version>[^<]*' "$ROOT/pom.xml" | sed 's/<version>//')
property() { grep -m1 -o "<$1>[^<]*" "$ROOT/pom.xml" | sed "s/<$1>//"; }

rm -rf "$WORK"
mkdir -p "$WORK"

# --- mqkit: the generated project ----------------------------------------------------------
(cd "$WORK" && "$MVN" -B -q "org.apache.maven.plugins:maven-archetype-plugin:$(property archetype.plugin.version):generate" \
  -DarchetypeGroupId=dev.mqkit -DarchetypeArtifactId=mailerq-plugin-archetype -DarchetypeVersion="$VERSION" \
  -DgroupId=bench -DartifactId=mqkit -Dversion=1.0 -Dpackage=bench -Dorder=20 -DinteractiveMode=false \
  -DarchetypeCatalog=internal > "$WORK/generate.log" 2>&1) \
  || { echo "archetype:generate failed, see $WORK/generate.log" >&2; exit 1; }

# --- jar: one class, one failsafe IT --------------------------------------------------------
mkdir -p "$WORK/jar/src/main/java/bench" "$WORK/jar/src/test/java/bench"
cat > "$WORK/jar/src/main/java/bench/Plugin.java" <<'JAVA'
package bench;

public class Plugin {
    public static int version() {
        return 1;
    }
}
JAVA
cat > "$WORK/jar/src/test/java/bench/PluginIT.java" <<'JAVA'
package bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PluginIT {
    @Test
    void version() {
        assertEquals(1, Plugin.version());
    }
}
JAVA
managed() { # artifactId version
  echo "        <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>$1</artifactId><version>$2</version></plugin>"
}
cat > "$WORK/jar/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId>
  <artifactId>bench-jar</artifactId>
  <version>1.0</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>17</maven.compiler.release>
  </properties>
  <dependencies>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter</artifactId>
      <version>$(property junit.version)</version>
      <scope>test</scope>
    </dependency>
  </dependencies>
  <build>
    <pluginManagement>
      <plugins>
$(managed maven-clean-plugin "$(property clean.plugin.version)")
$(managed maven-resources-plugin "$(property resources.plugin.version)")
$(managed maven-compiler-plugin "$(property compiler.plugin.version)")
$(managed maven-surefire-plugin "$(property surefire.version)")
$(managed maven-jar-plugin "$(property jar.plugin.version)")
$(managed maven-install-plugin "$(property install.plugin.version)")
      </plugins>
    </pluginManagement>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-failsafe-plugin</artifactId>
        <version>$(property surefire.version)</version>
        <executions>
          <execution>
            <goals>
              <goal>integration-test</goal>
              <goal>verify</goal>
            </goals>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
</project>
POM
cp -r "$WORK/jar" "$WORK/jar+config"
cp -r "$WORK/mqkit/.mvn" "$WORK/jar+config/"

PROJECTS=(jar jar+config mqkit)

source "$(dirname "$0")/timed-builds.sh"
warm_up verify
time_builds verify verify

"$MVN" -v > "$WORK/maven-version.txt" 2>&1
echo "Warm no-change \`mvn -o verify\`, $RUNS runs each, round-robin, $(nproc) cores, $(sed 's/\x1b\[[0-9;]*m//g' "$WORK/maven-version.txt" | head -1)"
echo
echo "| project | median | min | max | median vs jar | min vs jar |"
echo "|---|---:|---:|---:|---:|---:|"
ratio_rows

# --- where the seconds of one mqkit build go -------------------------------------------------
# the log of one more build, each line stamped with the time it came (ms since the start of mvn)
start=$(date +%s%N)
(cd "$WORK/mqkit" && "$MVN" -B -o verify 2>&1) | while IFS= read -r line; do
  echo "$(( ($(date +%s%N) - start) / 1000000 )) $line"
done | sed 's/\x1b\[[0-9;]*m//g' > "$WORK/mqkit-stamped.log"
echo
echo "Where the seconds of one more mqkit build go: when each mojo execution starts, from its log"
echo
echo "| from | to | seconds | what |"
echo "|---:|---:|---:|---|"
awk '
  function row(to, what) {
    printf "| %.2f s | %.2f s | %.2f | %s |\n", from / 1000, to / 1000, (to - from) / 1000, what
  }
  / --- / || /BUILD SUCCESS/ {
    ms = $1 + 0
    row(ms, last == "" ? "Maven starts, reads the project" : last)
    from = ms
    last = $0
    sub(/^[0-9]+ \[INFO\] --- /, "", last)
    sub(/ @ .*/, "", last)
  }' "$WORK/mqkit-stamped.log"
python3 - "$WORK/mqkit/target/mailerq/exercise.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
print("\nThe exercise itself (exercise.json, beside the tests from mailerq:exercise to mailerq:verify): %.2f s, %d messages delivered"
      % (report["seconds"], report["delivered"]))
PY
