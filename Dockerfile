# Build a static wirewatch binary, then ship it alone on a distroless base:
# no shell, no package manager, a non-root user, CA certificates and time
# zones included.
#
#   docker build -t wirewatch .
#   docker run --rm -v wirewatch-data:/data -v $PWD/config.yaml:/etc/wirewatch/config.yaml:ro wirewatch

FROM golang:1.26 AS build
ARG VERSION=dev
WORKDIR /src
ENV CGO_ENABLED=0 GOFLAGS=-trimpath
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -ldflags "-s -w -X main.version=${VERSION}" -o /out/wirewatch ./cmd/wirewatch \
 && mkdir -p /out/data \
 && chown 65532:65532 /out/data

FROM gcr.io/distroless/static:nonroot
COPY --from=build /out/wirewatch /usr/local/bin/wirewatch
COPY --from=build --chown=65532:65532 /out/data /data
ENV WIREWATCH_CONFIG=/etc/wirewatch/config.yaml \
    WIREWATCH_DATA=/data \
    WIREWATCH_LOG_FORMAT=json
VOLUME ["/data"]
USER 65532:65532
WORKDIR /data
ENTRYPOINT ["wirewatch"]
CMD ["run"]
