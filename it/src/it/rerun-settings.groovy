// For the ITs that run Maven again themselves: the same repositories as the invoker's run (settings.xml of
// src/it), written to rerun-settings.xml in the IT's folder; evaluated in the IT's verify.groovy, whose
// binding has basedir and mainRepository. Returns the file.
def settings = new File(basedir, 'rerun-settings.xml')
def repository = new File(mainRepository).toURI()
settings.text = """<settings><profiles><profile><id>it-repo</id>
  <activation><activeByDefault>true</activeByDefault></activation>
  <repositories><repository><id>local.central</id><url>${repository}</url></repository></repositories>
  <pluginRepositories><pluginRepository><id>local.central</id><url>${repository}</url></pluginRepository></pluginRepositories>
</profile></profiles></settings>"""
return settings
