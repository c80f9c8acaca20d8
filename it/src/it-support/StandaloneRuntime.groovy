// The standalone runtime of this build, started on a plugin directory as an operator would start it, for the ITs'
// verify scripts: load it with
//   def runtime = new GroovyClassLoader(getClass().classLoader).parseClass(new File(basedir, '../../../src/it-support/StandaloneRuntime.groovy'))
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit

class StandaloneRuntime {

    /** The standalone jar: the one this build made, else the one installed in the main repository. */
    static File jar(File root, String mainRepository) {
        def jar = new File(root, 'mailerq-runtime/target').listFiles()?.find { it.name ==~ /mailerq-runtime-.*-standalone\.jar/ }
        if (jar == null) {
            jar = new File(mainRepository, 'dev/mqkit/mailerq-runtime').listFiles()?.collectMany { version ->
                version.listFiles().findAll { it.name.endsWith('-standalone.jar') } as List } ?.find()
        }
        assert jar != null : "no standalone runtime jar in ${root}/mailerq-runtime/target or ${mainRepository}: mvn install it first"
        jar
    }

    /**
     * Starts the runtime on {@code pluginDirectory}, playing MailerQ {@code mailerqVersion} (the release the plugins
     * were built for), waits until it listens, stops it with SIGTERM and asserts that it exits 0; its output goes to
     * {@code log} too.
     *
     * @return its output
     */
    static String startAndStop(File jar, File pluginDirectory, String mailerqVersion, File log) {
        def java = new File(System.getProperty('java.home'), 'bin/java').path
        def process = new ProcessBuilder(java, '-jar', jar.path, '--plugin-directory', pluginDirectory.path,
                '--mailerq-version', mailerqVersion, '--smtp-port', '0', '--workers', '1')
                .redirectErrorStream(true).start()
        def lines = new LinkedBlockingQueue<String>()
        def output = new StringBuilder()
        Thread.start {
            process.inputStream.newReader('UTF-8').eachLine { line -> lines.add(line); synchronized (output) { output << line << '\n' } }
        }
        try {
            def deadline = System.currentTimeMillis() + 60_000
            while (true) {
                def line = lines.poll(deadline - System.currentTimeMillis(), TimeUnit.MILLISECONDS)
                assert line != null : "the runtime did not start within 60 s:\n${output}"
                if (line.contains(' listening on ')) break
            }
            Thread.sleep(1000) // start() has returned; the signal handlers are installed right after
        } finally {
            process.destroy() // SIGTERM
        }
        assert process.waitFor(60, TimeUnit.SECONDS) : "the runtime did not stop on SIGTERM:\n${output}"
        Thread.sleep(200)
        log.text = output.toString()
        assert process.exitValue() == 0 : "exit ${process.exitValue()}:\n${output}"
        output.toString()
    }
}
