import groovy.json.JsonSlurper

evaluate(new File(itScripts, 'release.groovy'))
def log = new File(basedir, 'build.log').text
assert log.contains('The exercise of 20-exercise-hold.so failed')
assert log.contains('no reply to MAIL FROM')
assert log =~ /never handed back: 20-exercise-hold\.so took control in mq_smtp_in_mailfrom \d+ ms before the end/
// a graceful stop would wait for the held call: the runtime is killed once that is known
assert log.contains('the runtime was killed, as its graceful stop would wait for the call')
assert log =~ /20-exercise-hold\.so\s+mq_smtp_in_mailfrom\s+1\s+1\s+held×1/
def report = new JsonSlurper().parse(new File(basedir, 'target/mailerq/exercise.json'))
assert report.exit == 'killed'
assert report.hooks.find { it.hook == 'mq_smtp_in_mailfrom' }.neverHandedBack == 1
def total = (log =~ /Total time:\s+(.*)/)
println "exercise-hold: the exercise took ${report.seconds} s; the build ${total ? total[0][1] : '?'}"
return true
