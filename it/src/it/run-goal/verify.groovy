// mvn mailerq:run: the runtime in the foreground with the built plugin, answering SMTP, stopped by a signal.
def settings = evaluate(new File(basedir, '../../../src/it/rerun-settings.groovy'))

def command = ["${mavenHome}/bin/mvn", '-o', '-B', '-s', settings.absolutePath,
               "-Dmaven.repo.local=${localRepositoryPath}", 'mailerq:run', '-Dmailerq.port=0']
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
    assert smtp.readLine().startsWith('220 ') : output
    socket.outputStream.write('QUIT\r\n'.bytes)
    assert smtp.readLine().startsWith('221 ')
    socket.close()
} finally {
    // a signal, as Ctrl-C would send; Process.destroy() would also close the output we still read
    new ProcessBuilder('kill', '-TERM', String.valueOf(process.pid())).start().waitFor()
}
assert process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)
pump.join(10_000)
new File(basedir, 'run.log').text = output.toString()
assert output.contains('plugins loaded in order: 50-run-goal.so') : output
assert output.contains('Ctrl-C stops it') : output
assert output.contains(' stopped') : output
return true
