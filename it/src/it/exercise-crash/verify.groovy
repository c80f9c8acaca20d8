import groovy.json.JsonSlurper

def release = evaluate(new File(itScripts, 'release.groovy'))
def log = new File(basedir, 'build.log').text
def lineOf = { String file, String text -> new File(basedir, file).readLines().findIndexOf { it.contains(text) } + 1 }
def write = lineOf('src/main/c/lines.c', 'line_counts[0] = lines;')
def call = lineOf('src/main/c/crash.c', 'count_lines(mime, size)')

assert log.contains('The exercise of 20-exercise-crash.so failed')
// the plugin, the hook, the signal and the source line of the crashing frame, then the plugin's frames
assert log.contains("- the runtime crashed with SIGSEGV in mq_smtp_in_data of 20-exercise-crash.so (worker 1) " +
        "at src/main/c/lines.c:${write} (count_lines): the plugin read or wrote memory it does not own")
assert log.contains("fix the code at src/main/c/lines.c:${write}; rerun with -Dmailerq.sanitize=address")
assert log.contains("#0 count_lines at src/main/c/lines.c:${write} in 20-exercise-crash.so")
assert log.contains("#1 mq_smtp_in_data at src/main/c/crash.c:${call} in 20-exercise-crash.so")
// the JVM's banner is in the details file only, not in the log (neither in the failure nor in an INFO line)
assert !log.contains('A fatal error has been detected')
assert log.contains('the JVM\'s error report: ')

// the table lists what the plugin exports, with the calls up to the crash
assert log =~ /20-exercise-crash\.so\s+mq_version\s+1\s+-\s+returned ${release.apiVersion}/
assert log =~ /20-exercise-crash\.so\s+mq_smtp_in_connect\s+1\s+0\s+-/
assert log =~ /20-exercise-crash\.so\s+mq_smtp_in_data\s+1\s+0\s+crashed×1\s+-/
assert log.contains('runtime: crashed with SIGSEGV in mq_smtp_in_data of 20-exercise-crash.so (worker 1) at src/main/c/lines.c:')

def report = new JsonSlurper().parse(new File(basedir, 'target/mailerq/exercise.json'))
assert report.hooks.collect { it.hook } == ['mq_version', 'mq_smtp_in_connect', 'mq_smtp_in_data']
assert report.hooks[0].returned == release.apiVersion
assert report.hooks[2].stillInside == 1
assert report.crash.signal == 'SIGSEGV' && report.crash.hook == 'mq_smtp_in_data'
assert report.crash.at == "src/main/c/lines.c:${write}".toString()
// libmqhost's bookkeeping: the host had called a hook, and the fault was in the plugin, not inside a host function
assert report.crash.running == 'a hook' && report.crash.inside == null
assert report.crash.jvmBanner.any { it.contains('A fatal error has been detected') }
println "exercise-crash: the exercise took ${report.seconds} s"
return true
