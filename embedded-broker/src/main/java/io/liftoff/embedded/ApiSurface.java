package io.liftoff.embedded;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Renders the public surface of packages as text, one line per public or protected type, field,
 * constructor and method, sorted, so that a checked-in copy shows every change of the API as a diff
 * (as OkHttp's {@code .api} files do). A test tool, like the rest of this module: it reads the
 * compiled classes of the packages from the directory or jar location of an anchor class.
 */
public final class ApiSurface {

    private ApiSurface() {}

    /**
     * The surface of the given packages, sorted lines.
     *
     * @param anchor a class of the classes directory to read, e.g. a module's main entry type (a
     *     test class path also holds test classes of the same packages)
     */
    public static List<String> of(Class<?> anchor, String... packages)
            throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        ClassLoader loader = anchor.getClassLoader();
        List<String> lines = new ArrayList<>();
        for (String pkg : packages) {
            Path dir = root.resolve(pkg.replace('.', '/'));
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("no classes of package " + pkg + " in " + root);
            }
            List<Path> classFiles;
            try (Stream<Path> files = Files.list(dir)) {
                classFiles = files.filter(f -> f.toString().endsWith(".class")).toList();
            }
            for (Path file : classFiles) {
                String name = file.getFileName().toString();
                Class<?> type =
                        Class.forName(
                                pkg + "." + name.substring(0, name.length() - ".class".length()),
                                false,
                                loader);
                if (isVisible(type)) {
                    render(type, lines);
                }
            }
        }
        lines.sort(String::compareTo);
        return lines;
    }

    /** Public, and, when nested, in a public type, all the way out. */
    private static boolean isVisible(Class<?> type) {
        if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
            return false;
        }
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static void render(Class<?> type, List<String> lines) {
        String owner = type.getName();
        lines.add(owner + " : " + typeLine(type));
        for (Field field : type.getDeclaredFields()) {
            if (visible(field.getModifiers()) && !field.isSynthetic()) {
                lines.add(owner + " : " + field.toGenericString());
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (visible(constructor.getModifiers()) && !constructor.isSynthetic()) {
                lines.add(owner + " : " + constructor.toGenericString());
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (visible(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
                lines.add(owner + " : " + method.toGenericString());
            }
        }
    }

    private static String typeLine(Class<?> type) {
        StringBuilder line = new StringBuilder(type.toGenericString());
        if (type.getGenericSuperclass() != null
                && type.getSuperclass() != Object.class
                && !type.isEnum()
                && !type.isRecord()) {
            line.append(" extends ").append(type.getGenericSuperclass().getTypeName());
        }
        if (type.getGenericInterfaces().length > 0) {
            line.append(type.isInterface() ? " extends " : " implements ");
            line.append(
                    String.join(
                            ", ",
                            Arrays.stream(type.getGenericInterfaces())
                                    .map(java.lang.reflect.Type::getTypeName)
                                    .toList()));
        }
        if (type.isSealed()) {
            line.append(" permits ")
                    .append(
                            String.join(
                                    ", ",
                                    Arrays.stream(type.getPermittedSubclasses())
                                            .map(Class::getName)
                                            .sorted()
                                            .toList()));
        }
        return line.toString();
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }
}
