import groovy.json.JsonSlurper

def release = evaluate(new File(itScripts, 'release.groovy'))
def log = new File(basedir, 'build.log').text
assert log.contains('Linked target/30-exercise-cpp.so with g++') || log =~ /Linked target\/30-exercise-cpp\.so with \S*\+\+/
def report = new JsonSlurper().parse(new File(basedir, 'target/mailerq/exercise.json'))
assert report.passed
assert report.delivered == 2
def mailfrom = report.hooks.find { it.plugin == '30-exercise-cpp.so' && it.hook == 'mq_smtp_in_mailfrom' }
assert mailfrom.calls == 1 && mailfrom.returnedTrue == 1 && mailfrom.handBacks[release.function('MQ_Continue')] == 1
assert log.contains('Every hook of 30-exercise-cpp.so was reached')
assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0')
// mailerq-test runs the plugin's tests on JUnit Jupiter 5.14 too (the archetype's projects use 6.x)
assert new File(basedir, 'target/failsafe-reports/TEST-it.tally.TallyIT.xml').text.contains('junit-jupiter-api-5.14.')
return true
