def release = evaluate(new File(itScripts, 'release.groovy'))
def log = new File(basedir, 'build.log').text
assert log.contains("50-misspelt-hook.so exports mq_smtp_in_mailform, which is not a hook of the MailerQ ${release.version} API")
assert log.contains('did you mean mq_smtp_in_mailfrom?')
assert log.contains('BUILD FAILURE')
return true
