evaluate(new File(itScripts, 'release.groovy'))
def log = new File(basedir, 'build.log').text
assert log =~ /50-mangled-hook\.so defines mq_smtp_in_rcptto with a C\+\+-mangled name \(_Z17mq_smtp_in_rcptto\w+\)/
assert log.contains('declare it with MQ_EXPORT from mailerq.h')
assert log.contains('BUILD FAILURE')
return true
