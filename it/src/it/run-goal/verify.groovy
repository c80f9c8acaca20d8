// mvn mailerq:run: the runtime in the foreground with the built plugin, answering SMTP, stopped by a signal.
evaluate(new File(itScripts, 'release.groovy'))
def settings = evaluate(new File(itScripts, 'rerun-settings.groovy'))

def command = ["${mavenHome}/bin/mvn", '-o', '-B', '-s', settings.absolutePath,
               "-Dmaven.repo.local=${localRepositoryPath}", "-Dmailerq.version=${mailerqVersion}", 'mailerq:run', '-Dmailerq.port=0']
def process = new ProcessBuilder(command*.toString()).directory(basedir).redirectErrorStream(true).start()
def output = new StringBuffer()
def pump = Thread.start {
    process.inputStream.eachLine { line -> output.append(line).append('\n') }
}
def port = null
def deadline = System.currentTimeMillis() + 120_000
while (port == null && System.currentTimeMillis() < deadline && (process.alive || pump.alive)) {
    def announced = output.toString() =~ /(?m)^mailerq-runtime smtp-port (\d+)/
    if (announced) port = announced[0][1] as int else Thread.sleep(100)
}
try {
    assert port != null : output
    def socket = new Socket('127.0.0.1', port)
    socket.soTimeout = 20_000
    def smtp = new BufferedReader(new InputStreamReader(socket.inputStream))
    def reply = { String expected ->
        def line = smtp.readLine()
        while (line != null && line ==~ /\d{3}-.*/) line = smtp.readLine()
        assert line?.startsWith(expected) : "${line}\n${output}"
    }
    def say = { String line, String expected -> socket.outputStream.write((line + '\r\n').bytes); reply(expected) }
    reply('220 ')
    say('EHLO client.example', '250')
    say('MAIL FROM:<alice@example.com>', '250')
    say('RCPT TO:<bob@example.org>', '250')
    say('DATA', '354')
    say('Subject: tried by hand\r\nX-Tried: yes\r\n\r\nhello\r\n.', '250')
    say('QUIT', '221')
    socket.close()
    // without a smarthost, mail goes to the sink in Maven's process, which logs it
    def delivered = System.currentTimeMillis() + 60_000
    while (!output.toString().contains('Delivered to the sink') && System.currentTimeMillis() < delivered) Thread.sleep(100)
} finally {
    // a signal, as Ctrl-C would send; Process.destroy() would also close the output we still read
    new ProcessBuilder('kill', '-TERM', String.valueOf(process.pid())).start().waitFor()
}
assert process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)
pump.join(10_000)
new File(basedir, 'run.log').text = output.toString()
assert output.contains('plugins loaded in order: 50-run-goal.so') : output
assert output.contains('Ctrl-C stops it') : output
assert output.contains('No smarthost given: mail goes to a sink in this process') : output
assert output.contains('Delivered to the sink: from <alice@example.com> to <bob@example.org>') : output
assert output.contains('    Subject: tried by hand') && output.contains('    X-Tried: yes') : output
// a signal, as Ctrl-C sends, always ends the same way: the runtime stops gracefully, the build succeeds
assert output.contains('The runtime stopped gracefully after SIGTERM') : output
assert output.contains('BUILD SUCCESS') : output
assert process.exitValue() == 0 : output
return true
