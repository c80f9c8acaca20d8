import groovy.json.JsonSlurper

def release = evaluate(new File(itScripts, 'release.groovy'))
def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/mailerq/exercise.json'))
assert report.passed
assert report.delivered == 2
// exactly what the plugin exports, in the order a run calls them, mq_version with what it returned
assert report.hooks.collect { it.hook } == ['mq_version', 'mq_initialize', 'mq_context_initialize',
        'mq_smtp_in_connect', 'mq_smtp_in_secure', 'mq_smtp_in_authenticate', 'mq_smtp_in_mailfrom',
        'mq_smtp_in_rcptto', 'mq_smtp_in_data', 'mq_smtp_in_message', 'mq_smtp_in_close', 'mq_smtp_out_data'] +
        (release.connection ? ['mq_smtp_out_sent'] : []) + ['mq_context_cleanup', 'mq_cleanup']
assert report.hooks[0].returned == release.apiVersion
assert log =~ /20-exercise-c\.so\s+mq_version\s+1\s+-\s+returned ${release.apiVersion}/
// a clean run leaves no crash log
assert !new File(basedir, 'target/mailerq/exercise/crash.log').exists()
def rcpt = report.hooks.find { it.hook == 'mq_smtp_in_rcptto' }
def resume = release.function('MQ_Continue')
assert rcpt.calls == 2 && rcpt.returnedTrue == 2 && rcpt.handBacks[resume] == 2
assert log =~ /20-exercise-c\.so\s+mq_smtp_in_rcptto\s+2\s+2\s+${resume}×2/
if (release.connection) {
    def sent = report.hooks.find { it.hook == 'mq_smtp_out_sent' }
    assert sent.calls == 2 && sent.returnedTrue == 0
}
if (release.log) {
    // MQ_log from mq_smtp_in_message and mq_smtp_out_sent, in the runtime's log
    def runtime = log + new File(basedir, 'target/mailerq/exercise/stdout.log').text +
            new File(basedir, 'target/mailerq/exercise/stderr.log').text
    assert runtime.contains('exercise-c wrote x-stamp')
    assert runtime.contains('exercise-c sent X-Exercised')
}
assert log.contains('Every hook of 20-exercise-c.so was reached')
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')

// mvn verify: the exercise starts, failsafe runs the tests meanwhile, mailerq:verify gives the outcome before
// failsafe's verify
def second = log.indexOf('BUILD SUCCESS') + 1
def first = log.substring(0, second)
def started = first.indexOf('Exercising 20-exercise-c.so in the embedded runtime (timeout 30s); alongside the integration tests')
def tests = first.indexOf('T E S T S')
def verdict = first.indexOf(':verify (default-verify) @ exercise-c')
def summary = first.indexOf('Every hook of 20-exercise-c.so was reached')
assert 0 <= started && started < tests && tests < verdict && verdict < summary : first
assert summary < first.indexOf(':verify (default-verify) @ exercise-c', verdict + 1) : first
// mvn integration-test reaches no verify: the exercise runs, and reports, before the tests
def then = log.substring(second)
assert then.contains('Exercising 20-exercise-c.so in the embedded runtime (timeout 30s)\n') : then
assert then.indexOf('Every hook of 20-exercise-c.so was reached') in (0..<then.indexOf('T E S T S')) : then
return true
