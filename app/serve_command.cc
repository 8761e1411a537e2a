#include "serve_command.h"

#include <pthread.h>

#include <csignal>
#include <cstdio>
#include <iostream>

#include "cli_support.h"
#include "endpoint_server.h"
#include "storage/engine.h"

namespace shardscape {

bool isLoopbackHost(const QString& host) {
    return host == "localhost" || host == "::1" || host.startsWith("127.");
}

int runServe(const ServeSettings& settings) {
    // Block the shutdown signals in every thread (LevelDB's and the server's inherit the
    // mask) so that this thread alone receives them, with sigwait.
    sigset_t shutdownSignals;
    sigemptyset(&shutdownSignals);
    sigaddset(&shutdownSignals, SIGINT);
    sigaddset(&shutdownSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &shutdownSignals, nullptr);

    EngineOptions engineOptions;
    engineOptions.createTableMs = settings.createTableMs;
    engineOptions.updateTableMs = settings.updateTableMs;
    engineOptions.deleteTableMs = settings.deleteTableMs;
    auto engine = Engine::open(settings.dataDirectory.toStdString(), std::move(engineOptions));
    if (!engine) return cli::printOpenError(engine.error());
    EndpointOptions options;
    options.host = settings.host.toStdString();
    options.port = settings.port;
    options.requiredCredentials = settings.requiredCredentials;
    options.region = settings.region;
    EndpointServer server(**engine, options);
    auto port = server.start();
    if (!port) {
        std::cerr << "shardscape-cli: " << port.error().message << std::endl;
        return 1;
    }

    if (!isLoopbackHost(settings.host))
        std::fprintf(
            stderr,
            "warning: listening on %s, not on this machine's loopback address: anyone "
            "who can reach this port can read and change the data in %s (plain HTTP%s)\n",
            qPrintable(settings.host), qPrintable(settings.dataDirectory),
            settings.requiredCredentials ? ", signed requests only" : ", any credentials accepted");
    const QString shownHost =
        settings.host.contains(':') ? "[" + settings.host + "]" : settings.host;
    std::printf(
        "Shardscape DynamoDB endpoint listening on http://%s:%d (data: %s; %s)\n",
        qPrintable(shownHost), *port, qPrintable(settings.dataDirectory),
        settings.requiredCredentials ? "SigV4 signatures verified" : "any credentials accepted");
    std::fflush(stdout);

    // Until a shutdown signal, report what the engine's background work could not do (an
    // index backfill, the Time to Live sweep) on stderr, once a second at most.
    int received = 0;
    uint64_t failuresSeen = 0;
    double reportedUntil = 0;  // engine time of the last failure reported
    while (received <= 0) {
        const timespec second{1, 0};
        received = sigtimedwait(&shutdownSignals, nullptr, &second);
        const uint64_t failures = (*engine)->backgroundFailureCount();
        if (failures == failuresSeen) continue;
        failuresSeen = failures;
        for (const BackgroundFailure& failure : (*engine)->backgroundFailures()) {
            if (failure.time <= reportedUntil) continue;
            reportedUntil = failure.time;
            std::fprintf(stderr, "shardscape-cli: background work failed: %s\n",
                         failure.describe().c_str());
        }
    }
    std::printf("Received %s; stopping\n", received == SIGINT ? "SIGINT" : "SIGTERM");
    std::fflush(stdout);
    server.stop();
    engine->reset();
    std::printf("Stopped; data directory closed\n");
    std::fflush(stdout);
    return 0;
}

}  // namespace shardscape
