package io.pgha.runtime.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Removing a run's objects takes what that run created and is still there; whatever existed before stays. */
class CleanupTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                // case | run made: containers | volumes | network | credentials | now: containers | volumes | network
                //   | credentials stored | removed containers | removed volumes | removed network | delete credentials
                //   | kept
                "a fresh stack, all made by the run | etcd-1 pg-0 | v0 v1 | net | true | etcd-1 pg-0 | v0 v1 | net | true"
                        + " | etcd-1 pg-0 | v0 v1 | net | true | -",
                "a stack that was down: its volumes and credentials stay | etcd-1 pg-0 | - | net | false | etcd-1 pg-0"
                        + " | v0 v1 | net | true | etcd-1 pg-0 | - | net | false"
                        + " | volume v0, volume v1, the stored credentials",
                "some volumes existed, the run added one | pg-1 | v1 | - | false | pg-0 pg-1 | v0 v1 | net | true"
                        + " | pg-1 | v1 | - | false | container pg-0, network net, volume v0, the stored credentials",
                "cancelled before anything was made | - | - | - | false | - | - | - | false | - | - | - | false | -",
                "pre-existing stack untouched, nothing made | - | - | - | false | etcd-1 pg-0 | v0 | net | true"
                        + " | - | - | - | false | container etcd-1, container pg-0, network net, volume v0,"
                        + " the stored credentials",
                "made but already gone | pg-0 | v0 | net | true | - | - | - | true | - | - | - | true | -",
            })
    void onlyWhatTheRunCreatedGoes(
            String situation,
            String madeContainers,
            String madeVolumes,
            String madeNetwork,
            boolean madeCredentials,
            String containersNow,
            String volumesNow,
            String networkNow,
            boolean credentialsNow,
            String removedContainers,
            String removedVolumes,
            String removedNetwork,
            boolean deleteCredentials,
            String kept) {
        CreatedByRun made = new CreatedByRun();
        words(madeContainers).forEach(made::container);
        words(madeVolumes).forEach(made::volume);
        Optional.ofNullable(madeNetwork).ifPresent(made::network);
        if (madeCredentials) {
            made.credentials();
        }

        Cleanup cleanup = Cleanup.decide(
                made, set(containersNow), Optional.ofNullable(networkNow), set(volumesNow), credentialsNow);

        assertThat(cleanup.containers()).containsExactlyElementsOf(words(removedContainers));
        assertThat(cleanup.volumes()).containsExactlyElementsOf(words(removedVolumes));
        assertThat(cleanup.network()).isEqualTo(Optional.ofNullable(removedNetwork));
        assertThat(cleanup.credentials()).isEqualTo(deleteCredentials);
        assertThat(cleanup.connection()).isFalse();
        assertThat(cleanup.kept())
                .containsExactlyElementsOf(kept == null ? List.of() : Arrays.asList(kept.split(", ")));
    }

    private static List<String> words(String s) {
        return s == null ? List.of() : Arrays.asList(s.strip().split("\\s+"));
    }

    private static Set<String> set(String s) {
        return words(s).stream().collect(Collectors.toSet());
    }
}
