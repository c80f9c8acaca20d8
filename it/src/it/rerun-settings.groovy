// For the ITs that run Maven again from their verify script: a settings file with the same repositories as the
// invoker's run (settings.xml here), the outer build's local repository first. Evaluated from such a script
// (evaluate(new File(basedir, '../../../src/it/rerun-settings.groovy'))), whose basedir and mainRepository it uses.
def settings = new File(basedir, 'rerun-settings.xml')
def repository = new File(mainRepository).toURI()
settings.text = """<settings><profiles><profile><id>it-repo</id>
  <activation><activeByDefault>true</activeByDefault></activation>
  <repositories><repository><id>local.central</id><url>${repository}</url></repository></repositories>
  <pluginRepositories><pluginRepository><id>local.central</id><url>${repository}</url></pluginRepository></pluginRepositories>
</profile></profiles></settings>"""
return settings
