# Builds the runnable server from source and runs it on a JRE.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY store/pom.xml store/pom.xml
COPY core/pom.xml core/pom.xml
COPY mediation/pom.xml mediation/pom.xml
COPY projection/pom.xml projection/pom.xml
COPY app/pom.xml app/pom.xml
COPY bench/pom.xml bench/pom.xml
RUN ./mvnw -B -ntp -q dependency:go-offline -pl app -am || true
COPY . .
RUN ./mvnw -B -ntp -q -pl app -am package -DskipTests

FROM eclipse-temurin:17-jre
# curl for the health check of docker-compose.yml
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN useradd --system --home /srv/mediation mediation && mkdir -p /srv/mediation && chown mediation /srv/mediation
WORKDIR /srv/mediation
COPY --from=build /src/app/target/app-*-exec.jar app.jar
USER mediation
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/srv/mediation/app.jar"]
