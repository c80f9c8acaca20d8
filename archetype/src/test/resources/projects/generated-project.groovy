// What every project's verify.groovy checks of the project it generated and built, evaluated with the
// binding's basedir, language ('c' or 'cpp'), mailerqVersion, macro (its MQ_MAILERQ_VERSION), hooks (what
// the plugin exports, in mailerq.h's order) and tested (whether goal.txt ran the exercise and the JUnit tests).
// Returns the project's folder.
File project = new File(basedir, "project/hello-${language}")
String source = "src/main/${language}/hello-${language}.${language}"
assert new File(project, source).isFile()
assert !new File(project, "src/main/${language == 'c' ? 'cpp' : 'c'}").exists()
assert new File(project, '.gitignore').isFile()
assert new File(project, 'pom.xml').text.contains("<mailerqVersion>${mailerqVersion}</mailerqVersion>")

// only the release's lines are left, in the sources, the README and the tests
def files = [source, 'src/main/include/json_subset.h', 'README.md', 'src/test/java/com/example/hello/AuthenticatedUserIT.java']
files.each { String file ->
    String text = new File(project, file).text
    assert !text.contains('#if MQ_MAILERQ_VERSION') && !text.contains('archetype-post-generate') : file
}
String code = new File(project, source).text
String json = new File(project, 'src/main/include/json_subset.h').text
if (macro >= 40000) {
    assert code.contains('MQ_Connection *connection') && code.contains('MQ_continue(connection)')
    assert !code.contains('MQ_SmtpConnection') && !code.contains('MQ_Json(')
} else {
    assert code.contains('MQ_SmtpConnection *connection') && !code.contains('MQ_Connection')
}
// MQ_json gives libfastjson's object from 5.0, json-c's before
if (macro >= 50000) {
    assert json.contains('struct fjson_object *fjson_object_new_string_len(') && !json.contains('struct json_object')
    assert code.contains('fjson_object_object_add(MQ_json(message)')
} else {
    assert json.contains('struct json_object *json_object_new_string_len(') && !json.contains('fjson')
    assert !code.contains('fjson')
}
assert code.contains('MQ_log(') == (macro >= 50605)
assert code.contains('mq_smtp_out_sent') == (macro >= 50605)

def readme = new File(project, 'README.md').text
assert readme.contains("A MailerQ plugin in ${language == 'c' ? 'C' : 'C++'} for MailerQ ${mailerqVersion}")
assert readme.contains("the ${hooks.size() - 1 == 6 ? 'six' : 'five'} hooks it uses")
assert readme.contains("--mailerq-version ${mailerqVersion} --plugin-directory target")

// the build compiled for that release, with warnings as errors, and the check knew its hooks
assert new File(project, 'target/20-hello-' + language + '.so').isFile()
def commands = new File(project, 'target/compile_commands.json').text
assert commands.contains("\"-DMQ_MAILERQ_VERSION=${macro}\"") && commands.contains('"-Werror"')
def log = new File(project, 'build.log').text
assert log.contains(") exports ${hooks.join(', ')}\n") : log
// Maven's JVM and the tests' JVM start for a build of seconds; the pom locks the versions of what the packaging runs
assert new File(project, '.mvn/jvm.config').text.trim() == '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC'
assert !log.contains('[WARNING]') : log.readLines().findAll { it.contains('[WARNING]') }.join('\n')
if (tested) {
    assert log.contains("Every hook of 20-hello-${language}.so was reached")
    assert log.contains('--- mailerq-maven-plugin:') && log.contains(':verify (default-verify)')
    assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
    // the generated project tests on the newest JUnit Jupiter, with mailerq-test and without the runtime
    def report = new File(project, 'target/failsafe-reports/TEST-com.example.hello.AuthenticatedUserIT.xml').text
    assert report.contains('junit-jupiter-api-6.')
    assert report.contains('mailerq-test-') && !new File(project, 'pom.xml').text.contains('<artifactId>mailerq-runtime</artifactId>')
}
return project
