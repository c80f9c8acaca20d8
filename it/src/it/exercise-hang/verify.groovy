import groovy.json.JsonSlurper

evaluate(new File(itScripts, 'release.groovy'))
def log = new File(basedir, 'build.log').text
assert log.contains('The exercise of 20-exercise-hang.so failed')
assert log =~ /- hangs inside a hook: 20-exercise-hang\.so has been inside mq_smtp_in_mailfrom on worker 1 for \d+ ms \(a hook must not block its worker/
// the plugin sleeps for 60 s: the runtime is killed as soon as the hang is known, not stopped gracefully
assert log.contains('the runtime was killed, as a blocked worker cannot stop')
assert log =~ /20-exercise-hang\.so\s+mq_smtp_in_mailfrom\s+1\s+0\s+inside×1/
def report = new JsonSlurper().parse(new File(basedir, 'target/mailerq/exercise.json'))
assert report.exit == 'killed'
assert report.hooks.collect { it.hook } == ['mq_version', 'mq_smtp_in_mailfrom']
// measured, not asserted: the bound is the timeout (3 s) plus a few seconds
def total = (log =~ /Total time:\s+(.*)/)
println "exercise-hang: the exercise took ${report.seconds} s; the build ${total ? total[0][1] : '?'}"
return true
