// A C++ project for MailerQ 5.13, built, exercised and tested
// in the embedded runtime with -Werror.
language = 'cpp'
mailerqVersion = '5.13'
macro = 51300
hooks = ['mq_version', 'mq_smtp_in_connect', 'mq_smtp_in_authenticate', 'mq_smtp_in_message', 'mq_smtp_in_close', 'mq_smtp_out_data', 'mq_smtp_out_sent']
tested = true
File project = evaluate(new File(basedir, '../generated-project.groovy'))
assert new File(project, 'target/test-classes/com/example/hello/AuthenticatedUserIT.class').isFile()
return true
