evaluate(new File(itScripts, 'release.groovy'))
def log = new File(basedir, 'build.log').text
// -DskipITs: neither the exercise nor the tests
def first = log.indexOf('Skipping the exercise and the integration tests (skipITs)')
assert first >= 0
assert log.indexOf('Tests are skipped.') > first
// -Dmailerq.exercise.skip: the exercise only; the plugin directory is laid out and the tests run
def second = log.indexOf('Skipping the exercise (mailerq.exercise.skip)')
assert second > first
assert log.indexOf('Plugin directory ', first) in (first..second)
assert log.indexOf('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0', second) > second
assert !log.contains('Exercising 20-exercise-skip.so')
assert !new File(basedir, 'target/mailerq/exercise.json').exists()
return true
