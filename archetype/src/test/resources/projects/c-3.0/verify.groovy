// A C project for MailerQ 3.0 (the 2.1/3.x API), built, exercised and tested in the embedded runtime.
language = 'c'
mailerqVersion = '3.0'
macro = 30000
hooks = ['mq_version', 'mq_smtp_in_connect', 'mq_smtp_in_authenticate', 'mq_smtp_in_message', 'mq_smtp_in_close', 'mq_smtp_out_data']
tested = true
File project = evaluate(new File(basedir, '../generated-project.groovy'))
// the README shows the sanitized build, naming the plugin's own source
def readme = new File(project, 'README.md').text
assert readme.contains('mvn verify -Dmailerq.sanitize=address,undefined') && readme.contains('the line of\n`src/main/c/hello-c.c`')
assert readme.replaceAll(/\s+/, ' ').contains('written in that release\'s plugin API, the one of MailerQ 2.1 and 3.x')
assert readme.contains('json-c functions the plugin calls')
return true
