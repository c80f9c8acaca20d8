def log = new File(basedir, 'build.log').text
assert log.contains('The exercise of 20-exercise-hang.so failed')
assert log =~ /- hangs inside a hook: 20-exercise-hang\.so has been inside mq_smtp_in_mailfrom on worker 1 for \d+ ms/
assert log.contains('it was in mq_smtp_in_mailfrom of 20-exercise-hang.so')
// the plugin sleeps for 60 s: the build must not wait for it
def total = (log =~ /Total time:\s+(?:(\d+):)?(\d+(?:\.\d+)?) (s|min)/)
assert total.find()
def seconds = total.group(3) == 'min' ? (total.group(1) ?: total.group(2)).toInteger() * 60 : total.group(2).toDouble()
assert seconds < 45 : "the build took ${total.group(0)}"
assert new File(basedir, 'target/mailerq/exercise.json').exists()
return true
