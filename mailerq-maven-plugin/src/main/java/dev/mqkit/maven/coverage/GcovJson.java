package dev.mqkit.maven.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads gcc's gcov JSON intermediate format ({@code gcov --json-format -t}, format 1 and later): per source,
 * its lines with the function each belongs to, their counts and branches (exception-only branches marked
 * {@code throw}), and its functions with their first and last lines.
 */
public final class GcovJson {

    private GcovJson() {
    }

    /** Adds the sources of one object's report that the builder counts. */
    public static void read(JsonNode report, CoverageBuilder builder) {
        for (JsonNode file : report.path("files")) {
            String path = builder.counted(file.path("file").asText());
            if (path == null) {
                continue;
            }
            for (JsonNode function : file.path("functions")) {
                String name = function.path("demangled_name").asText(function.path("name").asText());
                builder.function(path, new FunctionCoverage(name, function.path("start_line").asInt(),
                        function.path("end_line").asInt(), function.path("execution_count").asLong()));
            }
            for (JsonNode line : file.path("lines")) {
                List<Long> branches = new ArrayList<>();
                for (JsonNode branch : line.path("branches")) {
                    if (!branch.path("throw").asBoolean()) {
                        branches.add(branch.path("count").asLong());
                    }
                }
                builder.line(path, line.path("function_name").asText(""), line.path("line_number").asInt(),
                        line.path("count").asLong(), branches);
            }
        }
    }
}
