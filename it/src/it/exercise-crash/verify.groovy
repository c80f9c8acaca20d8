def log = new File(basedir, 'build.log').text
assert log.contains('The exercise of 20-exercise-crash.so failed')
assert log.contains('crashed with SIGSEGV in mq_smtp_in_data of 20-exercise-crash.so')
assert new File(basedir, 'target/mailerq/exercise.json').exists()
return true
