// Runs after the files were generated: checks order, language and mailerqVersion, keeps only the chosen
// language's sources, and keeps in every file only the lines of the chosen MailerQ release.
import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths

Path project = Paths.get(request.outputDirectory, request.artifactId)
String order = request.properties.get('order')
String language = request.properties.get('language')
String mailerqVersion = request.properties.get('mailerqVersion')

def refuse = { String message ->
    project.toFile().deleteDir()
    throw new IllegalArgumentException(message)
}
if (!(order ==~ /[0-9]{2,}/)) {
    refuse("order must be two or more digits (the prefix of the plugin's file name that sets its place in "
            + "MailerQ's load order, e.g. -Dorder=20 gives 20-${request.artifactId}.so), not '${order}'")
}
if (!(language in ['c', 'cpp'])) {
    refuse("language must be c or cpp, not '${language}'")
}
// the releases the toolkit knows, as its plugin API model (mailerq-api's plugin-api.json) lists them
List<String> releases = '@mailerq.releases@'.tokenize(' ')
if (!(mailerqVersion in releases)) {
    refuse("mailerqVersion must be a MailerQ release the toolkit knows (${releases.join(', ')}), e.g. "
            + "-DmailerqVersion=@mailerq.newest@ for the 4.0-@mailerq.newest@ plugin API or -DmailerqVersion=3.0 "
            + "for the 2.1/3.x one, not '${mailerqVersion}'")
}

String other = language == 'c' ? 'cpp' : 'c'
project.resolve("src/main/${other}").toFile().deleteDir()

// MQ_MAILERQ_VERSION of the release, as mailerq.h reads it: major * 10000 + minor * 100 + patch
List<Integer> parts = mailerqVersion.tokenize('.')*.toInteger()
int macro = parts[0] * 10000 + parts[1] * 100 + (parts.size() > 2 ? parts[2] : 0)

/*
 * What differs between releases, the templates write as the C preprocessor does: lines
 * "#if MQ_MAILERQ_VERSION >= 50000" (or "< 40000"), "#else", "#endif" (each may end in a comment), also in
 * the README and the tests, where Velocity writes them from "${H}if". Those lines go, and with them the
 * branch the release does not take; any other #if, #ifdef or #ifndef stays with its #else and #endif.
 */
def releaseCondition = ~/#if MQ_MAILERQ_VERSION (>=|<) ([0-9]+)\s*(\/\*.*\*\/)?/
def comment = /\s*(\/\*.*\*\/)?/
def resolve = { Path file, String text ->
    List<String> kept = []
    List<Boolean> open = [] // per open #if: whether the branch now read is kept; null for one that stays
    def fail = { int number, String why ->
        refuse("the archetype's ${project.relativize(file)}, line ${number}: ${why}")
    }
    text.split('\n', -1).eachWithIndex { String line, int index ->
        boolean active = !open.contains(false)
        def release = line =~ releaseCondition
        if (release.matches()) {
            int bound = release.group(2) as int
            open << (release.group(1) == '>=' ? macro >= bound : macro < bound)
        } else if (line ==~ /\s*#.*MQ_MAILERQ_VERSION.*/) {
            fail(index + 1, "no condition on MQ_MAILERQ_VERSION but '#if MQ_MAILERQ_VERSION >= N' or '< N' can be resolved: ${line}")
        } else if (line ==~ /\s*#\s*(if|ifdef|ifndef)\b.*/) {
            open << null
            if (active) kept << line
        } else if (line ==~ /\s*#\s*(else|elif)\b.*/) {
            if (open.isEmpty()) fail(index + 1, "#else without #if")
            if (open[-1] == null) {
                if (active) kept << line
            } else if (line ==~ "#else${comment}") {
                open[-1] = !open[-1]
            } else {
                fail(index + 1, "a condition on MQ_MAILERQ_VERSION takes #else and #endif only: ${line}")
            }
        } else if (line ==~ /\s*#\s*endif\b.*/) {
            if (open.isEmpty()) fail(index + 1, "#endif without #if")
            if (open.remove(open.size() - 1) == null && active) kept << line
        } else if (active) {
            kept << line
        }
    }
    if (!open.isEmpty()) refuse("the archetype's ${project.relativize(file)}: an #if without its #endif")
    return kept.join('\n')
}
Files.walk(project).withCloseable { paths ->
    paths.filter { Files.isRegularFile(it) }.toList().each { Path file ->
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
        if (text.contains('MQ_MAILERQ_VERSION')) {
            Files.write(file, resolve(file, text).getBytes(StandardCharsets.UTF_8))
        }
    }
}
