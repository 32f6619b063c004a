# The supervisor (`pgha supervise`) from jars that are already built: the ones the pgha CLI itself runs on (a checkout's
# pgha-cli/target with its lib/, or an installed package's). build-local.sh stages them in lib/ of the build context.
ARG JRE_IMAGE=pgha/jre-21:local
FROM ${JRE_IMAGE}
COPY lib/ /opt/pgha/lib/
ENV PGHA_LOG_LEVEL=INFO
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xmx128m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-cp", "/opt/pgha/lib/*", "io.pgha.runtime.cli.Main"]
CMD ["supervise"]
