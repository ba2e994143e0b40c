package io.liftoff.producer.internal.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liftoff.producer.CompressionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class BodyCodecsTests {

    @Test
    void defaultLevelShouldBeHowTheOfficialClientCompresses() {
        assertThat(BodyCodecs.defaultLevel(CompressionType.ZLIB)).isEqualTo(5);
        assertThat(BodyCodecs.defaultLevel(CompressionType.ZSTD)).isEqualTo(5);
        // the official client ignores the level for LZ4 and uses the fast compressor
        assertThat(BodyCodecs.defaultLevel(CompressionType.LZ4)).isZero();
    }

    @ParameterizedTest
    @CsvSource({"ZLIB, 0, 9", "LZ4, 0, 17", "ZSTD, 1, 22"})
    void checkLevelShouldAcceptTheTypesRangeAndNameItOtherwise(
            CompressionType type, int min, int max) {
        assertThat(BodyCodecs.checkLevel(type, min)).isEqualTo(min);
        assertThat(BodyCodecs.checkLevel(type, max)).isEqualTo(max);
        for (int level : new int[] {min - 1, max + 1}) {
            assertThatThrownBy(() -> BodyCodecs.checkLevel(type, level))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(
                            "compressLevel "
                                    + level
                                    + " is out of range for "
                                    + type
                                    + ": set "
                                    + min
                                    + " to "
                                    + max)
                    .hasMessageEndingWith("or leave it unset for " + BodyCodecs.defaultLevel(type));
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void requireLibraryShouldFindEveryLibraryOnTheTestClassPath(CompressionType type) {
        // ZSTD's check loads zstd-jni's native library: this also proves it loads on this machine
        assertThatNoException()
                .isThrownBy(
                        () -> BodyCodecs.requireLibrary(type, BodyCodecs.class.getClassLoader()));
    }

    @Test
    void requireLibraryWhenLz4IsMissingShouldNameItsCoordinates() {
        ClassLoader withoutLz4 = new HidingClassLoader("net.jpountz.");

        assertThatThrownBy(() -> BodyCodecs.requireLibrary(CompressionType.LZ4, withoutLz4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "compressType LZ4 needs lz4-java, which is not on the class path: add"
                                + " the Maven dependency at.yawk.lz4:lz4-java")
                .hasMessageContaining("org.lz4:lz4-java")
                .hasMessageEndingWith("or choose compressType ZLIB, which needs none");
    }

    @Test
    void requireLibraryWhenZstdIsMissingShouldNameItsCoordinates() {
        ClassLoader withoutZstd = new HidingClassLoader("com.github.luben.");

        assertThatThrownBy(() -> BodyCodecs.requireLibrary(CompressionType.ZSTD, withoutZstd))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "compressType ZSTD needs zstd-jni, which is not on the class path: add"
                                + " the Maven dependency com.github.luben:zstd-jni");
    }

    @Test
    void requireLibraryOfZlibShouldNeedNoLibrary() {
        ClassLoader withoutEither = new HidingClassLoader("net.jpountz.", "com.github.luben.");

        assertThatNoException()
                .isThrownBy(() -> BodyCodecs.requireLibrary(CompressionType.ZLIB, withoutEither));
    }

    /** The test class path without some packages, as an application that did not add them. */
    private static final class HidingClassLoader extends ClassLoader {

        private final String[] hidden;

        HidingClassLoader(String... hidden) {
            super(BodyCodecsTests.class.getClassLoader());
            this.hidden = hidden;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            for (String prefix : hidden) {
                if (name.startsWith(prefix)) {
                    throw new ClassNotFoundException(name + " is hidden by this test");
                }
            }
            return super.loadClass(name, resolve);
        }
    }
}
