// Runs after the files were generated: checks order and language, and keeps only the chosen language's sources.
import java.nio.file.Path
import java.nio.file.Paths

Path project = Paths.get(request.outputDirectory, request.artifactId)
String order = request.properties.get('order')
String language = request.properties.get('language')

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

String other = language == 'c' ? 'cpp' : 'c'
project.resolve("src/main/${other}").toFile().deleteDir()
