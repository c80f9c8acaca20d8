def release = evaluate(new File(itScripts, 'release.groovy'))
def log = new File(basedir, 'build.log').text
assert log.contains('The exercise of 20-exercise-twice.so failed')
assert log.contains('plugin API violation by 20-exercise-twice.so: 20-exercise-twice.so called ' +
        "${release.function('MQ_Continue')} for a hook call that is not waiting for it")
return true
