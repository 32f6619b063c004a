package io.pgha.runtime.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.testsupport.RepoPaths;
import org.junit.jupiter.api.Test;

/** pgha finds its own image recipes: beside its classes in a checkout, where pgha.home says when a launcher sets it. */
class PghaHomeTest {

    @Test
    void aCheckoutIsFoundAboveTheClasses() {
        String before = System.clearProperty("pgha.home");
        try {
            assertThat(PghaHome.find()).contains(RepoPaths.root());
            assertThat(PghaHome.buildScript()).contains(RepoPaths.root().resolve("stack/images/build-local.sh"));
        } finally {
            if (before != null) {
                System.setProperty("pgha.home", before);
            }
        }
    }

    @Test
    void pghaHomeWithoutTheRecipesIsNotAHome() {
        String before = System.setProperty("pgha.home", "/nonexistent/pgha");
        try {
            assertThat(PghaHome.find()).isEmpty();
        } finally {
            if (before == null) {
                System.clearProperty("pgha.home");
            } else {
                System.setProperty("pgha.home", before);
            }
        }
    }
}
