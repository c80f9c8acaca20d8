package dev.mqkit.maven.io;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Reads the properties files the toolkit writes, in UTF-8 (Properties.load of a stream would read ISO 8859-1). */
public final class PropertiesFile {

    private PropertiesFile() {
    }

    public static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        return properties;
    }
}
