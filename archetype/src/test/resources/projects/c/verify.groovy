File project = new File(basedir, 'project/hello-c')
assert new File(project, 'target/20-hello-c.so').isFile()
assert new File(project, 'src/main/c/hello-c.c').isFile()
assert !new File(project, 'src/main/cpp').exists()
assert new File(project, '.gitignore').isFile()
// Maven's JVM and the tests' JVM start for a build of seconds; the pom locks the versions of what the packaging runs
assert new File(project, '.mvn/jvm.config').text.trim() == '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC'
def log = new File(project, 'build.log').text
assert !log.contains('[WARNING]') : log.readLines().findAll { it.contains('[WARNING]') }.join('\n')
assert log.contains('--- mailerq-maven-plugin:') && log.contains(':verify (default-verify)')
assert new File(project, 'build.log').text.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
// the generated project tests on the newest JUnit Jupiter, with mailerq-test and without the runtime
def report = new File(project, 'target/failsafe-reports/TEST-com.example.hello.AuthenticatedUserIT.xml').text
assert report.contains('junit-jupiter-api-6.')
assert report.contains('mailerq-test-') && !new File(project, 'pom.xml').text.contains('<artifactId>mailerq-runtime</artifactId>')
// the README shows the sanitized build, naming the plugin's own source
def readme = new File(project, 'README.md').text
assert readme.contains('mvn verify -Dmailerq.sanitize=address,undefined') && readme.contains('the line of\n`src/main/c/hello-c.c`')
return true
