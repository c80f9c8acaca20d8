import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// the exercise expected both messages in the local queue and said so (ExerciseTest shows it does not wait for
// deliveries that never come)
assert log.contains('message to first@exercise.mqkit.dev: kept in the local queue (MQ_setLocal)')
assert log.contains('message to second@exercise.mqkit.dev: kept in the local queue (MQ_setLocal)')
assert log.contains('Every hook of 50-local-policy.so was reached')
// the build's runtimeEnvironment reached the exercise's runtime; the shell's variable did not
assert log.contains('POLICY_DOMAIN=exercise.mqkit.dev POLICY_SERVICE=(unset) LEAKED_FROM_THE_SHELL=(unset)')
assert log.contains('Tests run: 2, Failures: 0, Errors: 0')
// no SLF4J warnings from the tests' JVM
assert !log.contains('StaticLoggerBinder')
def report = new JsonSlurper().parse(new File(basedir, 'target/mailerq/exercise.json'))
assert report.passed && report.expected == 'local'
assert report.messages.collect { it.went } == ['local', 'local']
println "local-policy: the exercise took ${report.seconds} s"
return true
