#!/bin/sh
# Writes the releases of the plugin API model ($2, plugin-api.json: one line per release) as the properties
# ($1/releases.properties) that the post-generate script and the archetype's metadata are filtered with:
# the releases, the newest (the default) and a pattern that accepts exactly them.
set -e
mkdir -p "$1"
sed -n 's/.*"release": "\([0-9.]*\)".*/\1/p' "$2" | awk '
    { escaped = $0; gsub(/\./, "\\\\\\\\.", escaped)
      releases = releases (NR > 1 ? " " : "") $0; pattern = pattern (NR > 1 ? "|" : "") escaped; newest = $0 }
    END { print "mailerq.releases=" releases; print "mailerq.newest=" newest
          print "mailerq.releasePattern=^(" pattern ")$" }' > "$1/releases.properties"
